import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { waitFor } from '../../bus/testing/wait-for.ts';
import { LiveClock } from '../../core/live-clock.ts';
import { createLogger } from '../../core/logger.ts';
import { bigintAsText } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import { SHARED_DATA } from '../../testing/shared-data.ts';
import type { OrderEventPayload } from '../../trading/orders/order-messages.ts';
import { EngineHost } from '../host/engine-host.ts';
import { PAPER_STRATEGY, paperReplayConfig } from '../testing/paper-replay-config.ts';
import { runBacktest } from './backtest-runner.ts';

const DATA = SHARED_DATA;
const BARS = 400;

const dir = mkdtempSync(join(tmpdir(), 'nautilus-parity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const strategy = PAPER_STRATEGY;

/** What must match between the two runs: every order event in order, with its prices, sizes and times. */
const describeEvent = (payload: OrderEventPayload) => JSON.stringify(payload, bigintAsText);

function sliceOfUsdJpy(): string {
  const lines = readFileSync(join(DATA, 'usdjpy-m1-bid-2013.csv'), 'utf8').split('\n');
  const path = join(dir, 'usdjpy-m1-bid-slice.csv');
  writeFileSync(path, `${lines.slice(0, BARS + 1).join('\n')}\n`);
  return path;
}

async function backtestEvents(file: string): Promise<string[]> {
  const events: string[] = [];
  const run = await runBacktest({
    dataFiles: [file],
    symbol: 'USDJPY',
    startingCapital: 100_000,
    engineConfig: { strategy, portfolio: { startingCapital: 100_000 } },
    onOrderEvent: (payload) => events.push(describeEvent(payload)),
  });
  expect(run.handlerFailures).toBe(0);
  return events;
}

async function paperEvents(file: string): Promise<string[]> {
  const config = paperReplayConfig(file, [
    { path: ['engineConfig', 'portfolio', 'startingCapital'], value: 100_000, source: 'test' },
  ]);

  const clock = new LiveClock();
  const bus = new MemoryBus({ clock });
  const host = new EngineHost({
    config,
    bus,
    clock,
    logger: createLogger({ level: 'silent' }),
    ephemeralPorts: true,
  });
  const events: string[] = [];
  let bars = 0;
  await bus.subscribe('parity-probe', topics.pattern('order.event'), (envelope) => {
    events.push(describeEvent(envelope.payload as OrderEventPayload));
  });
  await bus.subscribe('parity-bars', topics.pattern('market_data.bar'), () => {
    bars++;
  });
  await host.start();
  try {
    await waitFor(() => bars === BARS, `${BARS} replayed bars`, 30_000);
    await bus.idle();
  } finally {
    await host.stop();
  }
  return events;
}

describe('paper trading and backtest parity', () => {
  it('gives the same orders and fills on the same replayed bars', async () => {
    const file = sliceOfUsdJpy();
    const backtest = await backtestEvents(file);
    const paper = await paperEvents(file);
    expect(backtest.filter((line) => line.includes('"status":"filled"')).length).toBeGreaterThan(10);
    expect(paper).toEqual(backtest);
  }, 60_000);
});
