import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { MemoryBus } from '../src/bus/memory/memory-bus.ts';
import { LiveClock } from '../src/core/live-clock.ts';
import { createLogger } from '../src/core/logger.ts';
import { EngineBus } from '../src/engines/engine-bus.ts';
import { WebsocketEngine } from '../src/engines/websocket/engine.ts';
import { websocketConfigSchema, websocketManifest } from '../src/engines/websocket/manifest.ts';
import { percentiles } from './lib/percentiles.ts';
import { formatTable, ms, progress, type Row, rate, verdict } from './lib/report.ts';
import type { ClientCommand, ClientReply } from './lib/websocket-client-process.ts';

const TARGET_CLIENTS = 20_000;
const TARGET_P99_MS = 50;
/** Client processes: the clients must not share the server's event loop (2 cores here). */
const CLIENT_PROCESSES = 2;
/** File descriptors the server process keeps for everything but client sockets. */
const FD_HEADROOM = 150;

interface StepResult {
  clients: number;
  p50: number;
  p99: number;
  p999: number;
  updatesPerS: number;
  deliveredPerS: number;
  expectedPerS: number;
  conflated: number;
  loopP99: number;
}

/** The soft RLIMIT_NOFILE of this process: each held client costs the server one descriptor. */
function fdLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[3] ?? 1024);
}

function numberFlag(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(args[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}: expected a positive number`);
  return value;
}

class ClientProcess {
  private readonly replies: ClientReply[] = [];
  private waiter: (() => void) | undefined;

  constructor(readonly child: ChildProcess) {
    child.on('message', (reply: ClientReply) => {
      this.replies.push(reply);
      this.waiter?.();
    });
  }

  async ask(command: ClientCommand): Promise<ClientReply> {
    this.child.send(command);
    return this.next();
  }

  tell(command: ClientCommand): void {
    this.child.send(command);
  }

  async next(): Promise<ClientReply> {
    while (this.replies.length === 0) await new Promise<void>((resolve) => (this.waiter = resolve));
    return this.replies.shift()!;
  }
}

/**
 * WebSocket fan-out: the real engine on its own HTTP server and the embedded bus, a publisher at
 * `--rate` price updates/s (default 1,000) spread over `--symbols` topics (default 100), and
 * clients in child processes, each following one symbol. Steps up the client count; at each step
 * it measures publish-to-client latency (publish time embedded in the payload) for `--seconds`
 * after 1 s of warm-up; publishing pauses while a step's clients connect.
 * `--quick`: 200 and 1,000 clients for 2 s, a smoke test of the harness.
 */
export async function main(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const symbols = numberFlag(args, '--symbols', 100);
  const updatesPerS = numberFlag(args, '--rate', 1_000);
  const seconds = quick ? 2 : numberFlag(args, '--seconds', 10);
  const limit = fdLimit() - FD_HEADROOM;
  const steps = (quick ? [200, 1_000] : [1_000, 5_000, 10_000, TARGET_CLIENTS]).map((n) =>
    Math.min(n, limit),
  );
  const loadBefore = loadavg()[0]!;

  const clock = new LiveClock();
  const bus = new MemoryBus({ mode: 'async', clock });
  await bus.start();
  const engine = new WebsocketEngine({
    manifest: websocketManifest,
    bus: new EngineBus(bus, websocketManifest),
    clock,
    logger: createLogger({ level: 'silent' }),
    metrics: new Registry(),
    config: websocketConfigSchema.parse({ maxClients: TARGET_CLIENTS * 2 }),
    instanceId: 'bench',
  });
  const app = Fastify();
  engine.registerRoutes(app, () => true);
  await app.listen({ host: '127.0.0.1', port: 0, backlog: 4_096 });
  engine.onStart();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const children = Array.from({ length: CLIENT_PROCESSES }, () => {
    const script = new URL('./lib/websocket-client-process.ts', import.meta.url).pathname;
    return new ClientProcess(
      spawn(process.execPath, [...process.execArgv, script], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
  });
  await Promise.all(children.map((child) => child.next()));

  // The publisher keeps to its rate by catching up on what is due, whatever the timer jitter. It
  // pauses while clients connect: handshakes starved by a saturated server would take minutes.
  const nowMs = () => performance.timeOrigin + performance.now();
  let paused = true;
  let startedMs = 0;
  let published = 0;
  let base = 0;
  const resume = () => {
    paused = false;
    startedMs = performance.now();
    base = published;
  };
  const publisher = setInterval(() => {
    if (paused) return;
    const due = base + Math.floor(((performance.now() - startedMs) * updatesPerS) / 1_000);
    for (; published < due; published++) {
      const symbol = `S${published % symbols}`;
      bus.publish({
        engine: 'bench',
        topic: `price.update.${symbol}`,
        payload: { symbol, price: String(100 + (published % 97) / 100), sentMs: nowMs() },
      });
    }
  }, 2);

  const results: StepResult[] = [];
  let held = 0;
  // The hard limit cannot be raised in this container: the last step is clamped to it.
  const fdLimited = !quick && limit < TARGET_CLIENTS;
  let failure: string | undefined;
  try {
    for (const target of steps) {
      if (target <= held) break;
      progress(
        `connecting ${(target - held).toLocaleString('en-US')} clients (to ${target.toLocaleString('en-US')})`,
      );
      paused = true;
      const share = Math.ceil((target - held) / CLIENT_PROCESSES);
      const replies = await Promise.all(
        children.map((child, i) =>
          child.ask({
            connect: {
              port,
              count: Math.max(0, Math.min(share, target - held - i * share)),
              firstIndex: held + i * share,
              symbols,
            },
          }),
        ),
      );
      const connected = replies.reduce((sum, r) => sum + ('connected' in r ? r.connected : 0), 0);
      const failed = replies.reduce((sum, r) => sum + ('failed' in r ? r.failed : 0), 0);
      held = connected;
      if (failed > 0) {
        failure = `${failed} of ${target} clients failed to connect: ${replies.map((r) => ('error' in r ? r.error : '')).join(' ')}`;
        progress(failure);
        break;
      }
      resume();
      results.push(await measure(engine, children, held, symbols, updatesPerS, seconds, () => published));
      const last = results.at(-1)!;
      progress(`${held} clients: p50 ${last.p50.toFixed(2)} ms, p99 ${last.p99.toFixed(2)} ms`);
    }
  } finally {
    clearInterval(publisher);
    for (const child of children) child.tell({ stop: true });
    await Promise.all(children.map((child) => once(child.child, 'exit')));
    await engine.onStop();
    await app.close();
    await bus.stop();
  }
  report(results, { symbols, updatesPerS, seconds, limit, fdLimited, failure, loadBefore });
}

async function measure(
  engine: WebsocketEngine,
  children: ClientProcess[],
  clients: number,
  symbols: number,
  updatesPerS: number,
  seconds: number,
  published: () => number,
): Promise<StepResult> {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const before = engine.snapshot();
  const publishedBefore = published();
  const started = performance.now();
  for (const child of children) child.tell({ measure: true });
  await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
  for (const child of children) child.tell({ measure: false });
  const elapsedS = (performance.now() - started) / 1_000;
  loop.disable();
  const after = engine.snapshot();
  const replies = await Promise.all(children.map((child) => child.ask({ report: true })));
  const samples = Float64Array.from(replies.flatMap((r) => ('samples' in r ? r.samples : [])));
  const received = replies.reduce((sum, r) => sum + ('received' in r ? r.received : 0), 0);
  const [p50, p99, p999] = percentiles(samples, [0.5, 0.99, 0.999]);
  return {
    clients,
    p50: p50!,
    p99: p99!,
    p999: p999!,
    updatesPerS: (published() - publishedBefore) / elapsedS,
    deliveredPerS: received / elapsedS,
    expectedPerS: (updatesPerS * clients) / symbols,
    conflated: after.conflated - before.conflated,
    loopP99: loop.percentile(99) / 1e6,
  };
}

function report(
  results: StepResult[],
  run: {
    symbols: number;
    updatesPerS: number;
    seconds: number;
    limit: number;
    fdLimited: boolean;
    failure: string | undefined;
    loadBefore: number;
  },
): void {
  const rows: Row[] = results.flatMap((r) => [
    {
      metric: `${r.clients.toLocaleString('en-US')} clients: delivery latency p50 / p99 / p99.9`,
      value: `${ms(r.p50)} / ${ms(r.p99)} / ${ms(r.p999)}`,
      target: `p99 <= ${TARGET_P99_MS} ms`,
      verdict: verdict(r.p99 <= TARGET_P99_MS),
    },
    {
      metric: `${r.clients.toLocaleString('en-US')} clients: frames delivered (expected at ${rate(r.updatesPerS)} published)`,
      value: rate(r.deliveredPerS),
      baseline: rate(r.expectedPerS),
      ratio: (r.deliveredPerS / r.expectedPerS).toFixed(3),
    },
    {
      metric: `${r.clients.toLocaleString('en-US')} clients: conflated frames / server event-loop delay p99`,
      value: `${r.conflated.toLocaleString('en-US')} / ${ms(r.loopP99)}`,
    },
  ]);
  const best = results.filter((r) => r.p99 <= TARGET_P99_MS).at(-1) ?? results.at(-1);
  const maxClients = results.at(-1)?.clients ?? 0;
  rows.push(
    {
      metric: `concurrent clients held (fd limit ${run.limit + FD_HEADROOM}${run.fdLimited ? ', reached' : ''})`,
      value: maxClients.toLocaleString('en-US'),
      target: `>= ${TARGET_CLIENTS.toLocaleString('en-US')}`,
      verdict: verdict(maxClients >= TARGET_CLIENTS),
    },
    {
      metric: `machine: ${availableParallelism()} cores, load avg 1 min before; ${run.symbols} symbols, ${run.seconds} s per step`,
      value: run.loadBefore.toFixed(2),
    },
  );
  console.log(formatTable(rows));
  if (run.failure) console.log(`stopped: ${run.failure}`);
  const last = results.at(-1);
  console.log(
    JSON.stringify({
      max_clients: maxClients,
      p50_ms: round(last?.p50),
      p99_ms: round(last?.p99),
      updates_per_s: Math.round(last?.updatesPerS ?? 0),
      max_clients_within_p99_target: best && best.p99 <= TARGET_P99_MS ? best.clients : 0,
      symbols: run.symbols,
      fd_limit: run.limit + FD_HEADROOM,
      fd_limited: run.fdLimited,
      rows: results.map((r) => ({
        clients: r.clients,
        p50_ms: round(r.p50),
        p99_ms: round(r.p99),
        p999_ms: round(r.p999),
        updates_per_s: Math.round(r.updatesPerS),
        delivered_per_s: Math.round(r.deliveredPerS),
        expected_per_s: Math.round(r.expectedPerS),
        conflated: r.conflated,
        server_loop_p99_ms: round(r.loopP99),
      })),
      cores: availableParallelism(),
    }),
  );
}

const round = (value: number | undefined) => (value === undefined ? null : Number(value.toFixed(3)));
