import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriverCounts, LoadOptions } from './load-driver.ts';
import type { EmbeddedCommand, EmbeddedReply } from './load-embedded-process.ts';
import { measurePhase, type PhaseResult } from './load-measure.ts';
import { fetchBusStatus, sleep } from './load-sampling.ts';

export interface PhaseRun {
  load: LoadOptions;
  durationS: number;
  warmupS: number;
  intervalS: number;
  /** Config overrides both phases share, e.g. `{ 'dashboard.enabled': false }`. */
  settings: Record<string, unknown>;
}

type Drained = { trades: number[]; orders: number[]; counts: DriverCounts };

/** Waits for the child's next reply of the given kind; fails when the child exits first. */
function reply<K extends 'ready' | 'drained'>(
  child: ChildProcess,
  kind: K,
): Promise<Extract<EmbeddedReply, Record<K, unknown>>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: EmbeddedReply) => {
      if (!(kind in message)) return;
      child.off('exit', onExit);
      child.off('message', onMessage);
      resolve(message as Extract<EmbeddedReply, Record<K, unknown>>);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`the embedded load process exited (code ${code}) before its ${kind} reply`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Phase 1: every engine in one child process on the memory bus, the load beside them. */
export async function runEmbeddedPhase(run: PhaseRun): Promise<PhaseResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-bench-load-'));
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      // Major GCs on stdout: the live-heap trend (see load-gc-trace.ts).
      '--trace-gc',
      new URL('./load-embedded-process.ts', import.meta.url).pathname,
      JSON.stringify({ load: run.load, dataDir, settings: run.settings }),
    ],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
  let gcTrace = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => {
    gcTrace += text;
  });
  const send = (command: EmbeddedCommand) => child.send(command);
  try {
    const { statusUrl } = await reply(child, 'ready');
    await sleep(run.warmupS * 1000);
    return await measurePhase(
      {
        name: 'embedded',
        processes: [{ name: 'embedded', pid: child.pid! }],
        gcTraces: async () => new Map([['embedded', gcTrace]]),
        statuses: async () => [await fetchBusStatus(statusUrl)],
        drain: async () => {
          const answer = reply(child, 'drained');
          send('drain');
          return (await answer).drained as Drained;
        },
      },
      run.durationS,
      run.intervalS,
    );
  } finally {
    if (child.exitCode === null) {
      const exited = once(child, 'exit');
      send('stop');
      await Promise.race([exited, sleep(30_000).then(() => child.kill('SIGKILL'))]);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
