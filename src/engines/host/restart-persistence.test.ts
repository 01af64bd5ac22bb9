import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { waitFor } from '../../bus/testing/wait-for.ts';
import { LiveClock } from '../../core/live-clock.ts';
import { createLogger } from '../../core/logger.ts';
import { topics } from '../../domain/topics.ts';
import { openStore } from '../../store/open-store.ts';
import type { Store } from '../../store/store.ts';
import { SHARED_DATA } from '../../testing/shared-data.ts';
import { defaultInstrumentRegistry } from '../../trading/instruments/defaults.ts';
import { type OrderEventPayload, submitCommand } from '../../trading/orders/order-messages.ts';
import { OrderFactory } from '../../trading/strategy/order-factory.ts';
import { VENUE_RESTARTED } from '../execution/order-persistence.ts';
import { orderInitOf } from '../strategy/order-init.ts';
import { paperReplayConfig } from '../testing/paper-replay-config.ts';
import { EngineHost } from './engine-host.ts';

const BARS = 250;
const dir = mkdtempSync(join(tmpdir(), 'nautilus-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two consecutive slices of USD/JPY minute bars: the platform runs on one, restarts, runs on the next. */
function slices(): [string, string] {
  const lines = readFileSync(join(SHARED_DATA, 'usdjpy-m1-bid-2013.csv'), 'utf8').split('\n');
  const [header, ...rows] = lines;
  const write = (name: string, part: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `${[header, ...part].join('\n')}\n`);
    return path;
  };
  return [
    write('usdjpy-m1-bid-first.csv', rows.slice(0, BARS)),
    write('usdjpy-m1-bid-second.csv', rows.slice(BARS, 2 * BARS)),
  ];
}

interface Run {
  events: OrderEventPayload[];
  host: EngineHost;
  bus: MemoryBus;
}

/** The paper-trading engines on one replayed slice, with the store; `during` runs before the stop. */
async function runOn(file: string, store: Store, during?: (run: Run) => Promise<void>): Promise<Run> {
  const config = paperReplayConfig(file);

  const clock = new LiveClock();
  const bus = new MemoryBus({ clock });
  const host = new EngineHost({
    config,
    bus,
    clock,
    logger: createLogger({ level: 'silent' }),
    ephemeralPorts: true,
    store,
  });
  const run: Run = { events: [], host, bus };
  let bars = 0;
  await bus.subscribe('probe', topics.pattern('order.event'), (envelope) => {
    run.events.push(envelope.payload as OrderEventPayload);
  });
  await bus.subscribe('probe-bars', topics.pattern('market_data.bar'), () => {
    bars++;
  });
  await host.start();
  try {
    await waitFor(() => bars === BARS, `${BARS} replayed bars`, 30_000);
    await bus.idle();
    await during?.(run);
  } finally {
    await host.stop();
  }
  return run;
}

async function health(host: EngineHost, engine: string): Promise<Record<string, unknown>> {
  return (await host.http(engine).inject({ method: 'GET', url: '/health' })).json();
}

const count = async (store: Store, sql: string) => Number((await store.query<{ n: string }>(sql))[0]!.n);

describe('a restart keeps orders, fills and positions', () => {
  it('restores the account and the strategy, continues order ids, and cancels what rested at the venue', async () => {
    const [first, second] = slices();
    const storeDir = join(dir, 'db');
    const open = () => openStore({ url: `pglite:${storeDir}`, dataDir: dir }, 1_356_998_400_000_000_000n);

    let store = await open();
    let restingId = '';
    let portfolioBefore: Record<string, unknown> = {};
    const before = await runOn(first, store, async ({ bus, host, events }) => {
      // A limit far below the market rests at the paper venue until the stop.
      const factory = new OrderFactory('manual', defaultInstrumentRegistry(), { nowNs: () => 1n });
      const order = factory.limit('USDJPY', 'buy', 1_000, 50);
      restingId = order.id;
      bus.publish({
        engine: 'test',
        topic: topics.order.submit('manual'),
        payload: submitCommand(orderInitOf(order), 'USDJPY'),
      });
      await waitFor(
        () => events.some((e) => e.orderId === restingId && e.status === 'accepted'),
        'resting order accepted',
      );
      await bus.idle();
      portfolioBefore = await health(host, 'portfolio');
    });
    const fills = before.events.filter((e) => e.status === 'filled');
    expect(fills.length).toBeGreaterThan(5);
    const orderIds = new Set(before.events.map((e) => e.orderId));
    expect(await count(store, 'SELECT count(*) AS n FROM orders')).toBe(orderIds.size);
    expect(await count(store, 'SELECT count(*) AS n FROM fills')).toBe(fills.length);
    expect(await count(store, 'SELECT count(*) AS n FROM order_events')).toBe(before.events.length);
    expect(await count(store, 'SELECT count(*) AS n FROM bars')).toBe(BARS);
    const [position] = await store.read('positions');
    const lastChange = fills.at(-1)!;
    expect(position?.instrumentId).toBe(lastChange.instrumentId);
    await store.close();

    store = await open();
    const after = await runOn(second, store, async ({ host }) => {
      const restored = (await health(host, 'portfolio')).store as { restored: { fills: number } };
      expect(restored.restored.fills).toBe(fills.length);
    });
    const canceled = after.events.find((e) => e.orderId === restingId);
    expect(canceled).toMatchObject({ status: 'canceled', code: VENUE_RESTARTED });
    const [resting] = await store.read('orders', { where: { orderId: restingId } });
    expect(resting?.status).toBe('canceled');

    const idNumber = (id: string) => Number(id.split('-').at(-1));
    const strategyIds = (events: OrderEventPayload[]) =>
      events.filter((e) => e.strategyId === 'ema-cross').map((e) => idNumber(e.orderId));
    expect(Math.min(...strategyIds(after.events))).toBe(Math.max(...strategyIds(before.events)) + 1);
    const allIds = new Set([...orderIds, ...after.events.map((e) => e.orderId)]);
    expect(await count(store, 'SELECT count(*) AS n FROM orders')).toBe(allIds.size);
    expect(portfolioBefore.fillsApplied).toBe(fills.length);
    // The strategy knew its position after the restart: ema-cross never holds more than its quantity.
    const [held] = await store.read('positions');
    expect(Math.abs(Number(held?.quantity))).toBeLessThanOrEqual(100_000);
    await store.close();
  }, 90_000);
});
