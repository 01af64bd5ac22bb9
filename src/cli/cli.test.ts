import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../bus/testing/wait-for.ts';
import { KERNEL } from '../engines/host/kernel.ts';
import { runCli } from './program.ts';

const BIN = fileURLToPath(new URL('../../bin/nautilus.js', import.meta.url));
// An empty working directory, so no stray nautilus.config.* is picked up.
const cwd = mkdtempSync(join(tmpdir(), 'nautilus-cli-'));
// The child must not inherit the developer's NAUTILUS_* settings.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NAUTILUS_')));

interface Run {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];

function run(args: string[], extraEnv: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...env, ...extraEnv } });
  children.push(child);
  const result: Run = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.on('exit', resolve)),
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    result.stdout += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    result.stderr += chunk.toString();
  });
  return result;
}

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('nautilus start (child process, memory bus)', () => {
  it('serves /health on every engine port, reports status, and exits cleanly on SIGTERM', async () => {
    // Ports 28100..32000: above the usual services, below Linux's ephemeral range.
    const offset = 20_000 + Math.floor(Math.random() * 1_999);
    const start = run(['start', '--bus', 'memory', '--port-offset', String(offset)], {
      NAUTILUS_REGISTRY__HEARTBEAT_MS: '200',
      NAUTILUS_LOG_LEVEL: 'warn',
    });
    await waitFor(
      () => start.stdout.includes('enhanced-vpin') || start.child.exitCode !== null,
      'the engine table',
      20_000,
    );
    expect(start.stderr).toBe('');
    expect(start.stdout).toMatch(/^Nautilus: 16 engine\(s\) on the memory bus/);
    // Column widths follow the contents (the LOGIC column narrowed once every engine was implemented).
    expect(start.stdout).toMatch(
      new RegExp(`\\nrisk +running +yes +http://127\\.0\\.0\\.1:${8200 + offset}\\n`),
    );

    for (const { manifest } of KERNEL.values()) {
      const response = await fetch(`http://127.0.0.1:${manifest.defaultPort + offset}/health`);
      expect(response.status, manifest.name).toBe(200);
      expect(await response.json()).toMatchObject({
        engine: manifest.name,
        state: 'running',
        implemented: manifest.implemented,
      });
    }

    const status = run(['status', '--json', '--port-offset', String(offset)], {
      NAUTILUS_REGISTRY__HEARTBEAT_MS: '200',
    });
    expect(await status.exited).toBe(0);
    const rows = JSON.parse(status.stdout) as Array<{ engine: string; alive: boolean; state: string }>;
    expect(rows).toHaveLength(16);
    expect(rows.every((row) => row.alive && row.state === 'running')).toBe(true);

    start.child.kill('SIGTERM');
    expect(await start.exited).toBe(0);
    expect(start.stdout).toContain('Nautilus stopped (SIGTERM).');
    await expect(fetch(`http://127.0.0.1:${8200 + offset}/health`)).rejects.toThrow();
  });

  it('fails with one line and exit code 2 on a bad config value', async () => {
    const start = run(['start', '--set', 'bus.maxLen=abc']);
    expect(await start.exited).toBe(2);
    expect(start.stdout).toBe('');
    expect(start.stderr).toBe(
      'nautilus: bus.maxLen: expected number, got string (from flag --set bus.maxLen=abc)\n',
    );
  });
});

describe('runCli', () => {
  // In-process commands read process.env: hide the developer's NAUTILUS_* settings meanwhile.
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    for (const name of Object.keys(process.env).filter((n) => n.startsWith('NAUTILUS_'))) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
  });
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) process.env[name] = value;
  });

  function capture() {
    const io = {
      stdout: '',
      stderr: '',
      out(text: string) {
        io.stdout += text;
      },
      err(text: string) {
        io.stderr += text;
      },
    };
    return io;
  }
  const argv = (...args: string[]) => ['node', 'nautilus', ...args];

  it('describes every option as JSON', async () => {
    const io = capture();
    expect(await runCli(argv('config', '--describe', '--json'), io)).toBe(0);
    const options = JSON.parse(io.stdout) as Array<{ path: string; env: string; default: unknown }>;
    expect(options.find((o) => o.path === 'registry.heartbeatMs')).toMatchObject({
      env: 'NAUTILUS_REGISTRY__HEARTBEAT_MS',
      default: 1000,
    });
  });

  it('prints the effective config with URL secrets masked', async () => {
    const io = capture();
    const code = await runCli(
      argv('config', '--json', '--bus', 'redis', '--set', 'bus.mainUrl=redis://app:s3cret@main:6379'),
      io,
    );
    expect(code).toBe(0);
    const config = JSON.parse(io.stdout);
    expect(config.bus).toMatchObject({ transport: 'redis', mainUrl: 'redis://app:***@main:6379' });
    expect(io.stdout).not.toContain('s3cret');
  });

  it('exits 2 on usage errors and unknown engines', async () => {
    const usage = capture();
    expect(await runCli(argv('start', '--no-such-flag'), usage)).toBe(2);
    expect(usage.stderr).toContain("unknown option '--no-such-flag'");
    const engines = capture();
    expect(await runCli(argv('status', '--engines', 'risk,nope'), engines)).toBe(2);
    expect(engines.stderr).toMatch(
      /^nautilus: engines\.1: expected one of .*, got "nope" \(from flag --engines\)\n$/,
    );
  });
});
