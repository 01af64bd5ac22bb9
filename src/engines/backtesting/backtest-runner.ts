import { Registry } from 'prom-client';
import { runMetrics } from '../../analytics/performance/equity-metrics.ts';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import type { Logger } from '../../core/logger.ts';
import { createLogger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import type { Nanos } from '../../domain/time.ts';
import { nsToIso } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import { readMarketDataFile } from '../../marketdata/files/read-market-data-file.ts';
import { type MergedRecord, mergeByEventTime } from '../../marketdata/replay/merge-by-event-time.ts';
import type { OrderEventPayload } from '../../trading/orders/order-messages.ts';
import type { Engine } from '../engine.ts';
import { EngineBus } from '../engine-bus.ts';
import { KERNEL } from '../host/kernel.ts';
import { portfolioConfigSchema } from '../portfolio/manifest.ts';
import { type FillRecord, roundTrips } from './round-trips.ts';
import { collector, topicOf } from './run-collector.ts';

/** The engines of the order path, started in this order on the backtest's own bus. */
const ENGINES = ['risk', 'execution', 'portfolio', 'vpin', 'strategy'] as const;
type BacktestEngine = (typeof ENGINES)[number];

/** VPIN runs when configured or when a strategy reads it (vpin-aware): otherwise it is dead weight. */
function enginesFor(engineConfig: BacktestOptions['engineConfig']): BacktestEngine[] {
  const strategies = (engineConfig.strategy as { strategies?: { name?: unknown }[] } | undefined)?.strategies;
  const needsVpin =
    engineConfig.vpin !== undefined || (strategies ?? []).some((strategy) => strategy.name === 'vpin-aware');
  return ENGINES.filter((name) => name !== 'vpin' || needsVpin);
}

export interface BacktestOptions {
  /** Per engine config (engineConfig.<name>), validated by each manifest. */
  engineConfig: Partial<Record<BacktestEngine, unknown>>;
  dataFiles: readonly string[];
  /** Overrides the symbol of every file (files whose layout has none). */
  symbol?: string;
  badRows?: 'skip' | 'fail';
  startingCapital: number;
  /** Event-time window [fromNs, toNs): records outside it are skipped (walk-forward segments). */
  fromNs?: Nanos;
  toNs?: Nanos;
  logger?: Logger;
  /** Called every `progressEvery` records with the count so far. */
  onProgress?: (records: number, eventNs: Nanos) => void;
  progressEvery?: number;
  /** Every order event, in bus order (parity checks, live views). */
  onOrderEvent?: (payload: OrderEventPayload) => void;
}

export interface BacktestRun {
  records: number;
  startNs: Nanos;
  endNs: Nanos;
  orders: { submitted: number; rejected: number; fills: number };
  fills: FillRecord[];
  equity: { tsNs: Nanos; equity: number }[];
  closes: Map<string, { tsNs: Nanos; price: number }[]>;
  handlerFailures: number;
  deadLetters: number;
  metrics: ReturnType<typeof runMetrics>;
}

/**
 * One backtest: the same engines as live (risk, execution with the simulated venue, portfolio,
 * strategy), on a synchronous memory bus and a TestClock that the replayed data drives. The data
 * goes on the bus exactly as the hub would publish it, so the strategy cannot tell the difference.
 */
export async function runBacktest(options: BacktestOptions): Promise<BacktestRun> {
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const readers = options.dataFiles.map((path) =>
    readMarketDataFile(path, { symbol: options.symbol, badRows: options.badRows ?? 'skip' }),
  );
  const records = mergeByEventTime(readers)[Symbol.asyncIterator]();
  const { fromNs, toNs } = options;
  const inWindow = (next: IteratorResult<MergedRecord>): next is IteratorYieldResult<MergedRecord> =>
    !next.done && (toNs === undefined || next.value.eventNs < toNs);
  let first = await records.next();
  // The clock starts at the first record inside the window, so the engines never see earlier time.
  while (fromNs !== undefined && !first.done && first.value.eventNs < fromNs) first = await records.next();
  if (!inWindow(first)) {
    await records.return(undefined);
    throw new RangeError(`no records in ${options.dataFiles.join(', ')}${windowText(fromNs, toNs)}`);
  }
  const clock = new TestClock(first.value.eventNs);
  const bus = new MemoryBus({ mode: 'sync', clock });
  await bus.start();
  const engines: Engine[] = [];
  // The same fallback FX rates the portfolio values with (stablecoins at 1 by default).
  const run = collector(portfolioConfigSchema.parse(options.engineConfig.portfolio ?? {}).fxRates);
  try {
    for (const name of enginesFor(options.engineConfig)) {
      const definition = KERNEL.get(name)!;
      const engineBus = new EngineBus(bus, definition.manifest);
      const engine = definition.create({
        manifest: definition.manifest,
        bus: engineBus,
        clock,
        logger: logger.child({ engine: name }),
        metrics: new Registry(),
        config: definition.manifest.configSchema.parse(options.engineConfig[name] ?? {}),
        instanceId: 'backtest',
      });
      await engine.onStart();
      engines.push(engine);
    }
    await bus.subscribe('backtest-probe', topics.pattern('order'), (envelope) => {
      run.onOrderMessage(envelope);
      if (options.onOrderEvent && envelope.topic.startsWith('order.event.'))
        options.onOrderEvent(envelope.payload as OrderEventPayload);
    });
    let count = 0;
    let lastNs = first.value.eventNs;
    const every = options.progressEvery ?? 10_000;
    for (let next: IteratorResult<MergedRecord> = first; inWindow(next); next = await records.next()) {
      const { record, eventNs } = next.value;
      clock.advanceTo(eventNs);
      bus.publish({ engine: 'marketdata', topic: topicOf(record), payload: record, eventTimeNs: eventNs });
      run.onRecord(record, eventNs);
      lastNs = eventNs;
      if (++count % every === 0) options.onProgress?.(count, eventNs);
    }
    options.onProgress?.(count, lastNs);
    for (const engine of engines.reverse()) await engine.onStop();
    const portfolio = engines.find((engine) => 'equityCurve' in engine) as unknown as {
      equityCurve(): { tsNs: Nanos; equity: number }[];
    };
    const equity = portfolio.equityCurve();
    const counters = bus.counters();
    return {
      records: count,
      startNs: first.value.eventNs,
      endNs: lastNs,
      orders: run.orders,
      fills: run.fills,
      equity,
      closes: run.closes,
      handlerFailures: counters.handlerFailures,
      deadLetters: counters.deadLettered,
      metrics: runMetrics(options.startingCapital, equity, roundTrips(run.fills)),
    };
  } finally {
    // Stopping at toNs leaves the files open: closing the merge closes them.
    await records.return(undefined);
    await bus.stop();
  }
}

function windowText(fromNs: Nanos | undefined, toNs: Nanos | undefined): string {
  if (fromNs === undefined && toNs === undefined) return '';
  const at = (ns: Nanos | undefined) => (ns === undefined ? '…' : nsToIso(ns));
  return ` within [${at(fromNs)}, ${at(toNs)})`;
}
