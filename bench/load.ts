import { availableParallelism, loadavg } from 'node:os';
import { NautilusError } from '../src/core/errors.ts';
import { runDistributedPhase } from './lib/load-distributed-phase.ts';
import { runEmbeddedPhase } from './lib/load-embedded-phase.ts';
import { loadJson, loadRows } from './lib/load-report.ts';
import { formatTable, progress } from './lib/report.ts';

// The port offset keeps the cluster off a chaos campaign's engine ports (offsets 0 and 20000).
const DEFAULTS = { duration: 300, rate: 500, orders: 5, symbols: 8, processes: 6, 'port-offset': 30_000 };
type Flag = keyof typeof DEFAULTS;

function parseArgs(args: string[]): typeof DEFAULTS & { dir: string } {
  const values = { ...DEFAULTS, dir: '/tmp/nautilus-bench-load-cluster' };
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]!.replace(/^--/, '');
    const raw = args[i + 1];
    if (name === 'dir' && raw !== undefined) {
      values.dir = raw;
      continue;
    }
    if (!(name in DEFAULTS) || raw === undefined) {
      throw new NautilusError(
        'BAD_REQUEST',
        `load bench: unknown flag or missing value ${args[i]} (flags: ${Object.keys(DEFAULTS)
          .map((f) => `--${f} <n>`)
          .join(', ')}, --dir <path>)`,
      );
    }
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) {
      throw new NautilusError('BAD_REQUEST', `load bench: --${name} expects a positive integer, got ${raw}`);
    }
    values[name as Flag] = value;
  }
  return values;
}

/**
 * Sustained mixed load, the same offered load twice: (1) embedded, every engine in one process on
 * the memory bus, the baseline; (2) distributed, the local cluster on three Redis. Per phase:
 * messages/s per bus, latency percentiles, RSS growth of every engine process, and for the
 * cluster Redis CPU, commands and connections against the bus contract.
 * `--duration <s>` per phase (default 300), `--rate <trades/s>`, `--orders <orders/s>`,
 * `--symbols <n>`, `--processes <n>`, `--port-offset <n>`, `--dir <cluster dir>`.
 */
export async function main(args: string[]): Promise<void> {
  const opts = parseArgs(args);
  const loadBefore = loadavg()[0]!;
  const run = {
    load: {
      rate: opts.rate,
      ordersPerSecond: opts.orders,
      symbols: Array.from({ length: opts.symbols }, (_, i) => `LD${i}`),
    },
    durationS: opts.duration,
    // Start-up (JIT, groups created, caches filling) is not part of the sustained run.
    warmupS: Math.min(10, opts.duration / 6),
    // Every 10 s for the 5-minute run; shorter runs sample faster to keep enough points for the fit.
    intervalS: Math.min(5, opts.duration / 10),
    settings: { 'dashboard.enabled': false, 'log.level': 'warn' },
  };
  progress(
    `load: ${opts.rate} trades/s over ${opts.symbols} symbols + ${opts.orders} orders/s, ` +
      `${opts.duration} s per phase`,
  );
  progress('phase 1: embedded (memory bus, one process)');
  const embedded = await runEmbeddedPhase(run);
  progress(`phase 2: distributed (${opts.processes} processes)`);
  const distributed = await runDistributedPhase({
    ...run,
    dir: opts.dir,
    processes: opts.processes,
    portOffset: opts['port-offset'],
  });
  const loadAfter = loadavg()[0]!;
  console.log(
    formatTable([
      ...loadRows(embedded, distributed),
      {
        metric: `machine: ${availableParallelism()} cores, load avg 1 min`,
        value: `${loadBefore.toFixed(2)} -> ${loadAfter.toFixed(2)}`,
      },
    ]),
  );
  // The last line is the machine-readable result.
  console.log(
    JSON.stringify({
      offered: { trades_per_s: opts.rate, orders_per_s: opts.orders, symbols: opts.symbols },
      duration_s: opts.duration,
      ...loadJson(embedded, distributed),
      cores: availableParallelism(),
      load_avg_1m: [Number(loadBefore.toFixed(2)), Number(loadAfter.toFixed(2))],
    }),
  );
}
