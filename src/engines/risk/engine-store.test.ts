import { afterAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../domain/envelope.ts';
import { bigintAsText } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import { openTempStore } from '../../store/testing/temp-store.ts';
import { Fixed } from '../../trading/money/fixed.ts';
import { Money } from '../../trading/money/money.ts';
import { eventPayload, submitCommand } from '../../trading/orders/order-messages.ts';
import type { OrderInit } from '../../trading/orders/order-types.ts';
import { startEngine } from '../testing/engine-test-kit.ts';
import { RiskEngine } from './engine.ts';
import { riskConfigSchema, riskManifest } from './manifest.ts';

const S = 1_000_000_000n;
const temp = await openTempStore(1_000n * S, 'nautilus-risk-store-');
afterAll(() => temp.dispose());

const buy = (id: string, quantity: string): OrderInit => ({
  id,
  strategyId: 't',
  instrumentId: 'AAPL.SIM',
  side: 'buy',
  type: 'market',
  quantity: Fixed.parse(quantity),
  timeInForce: 'IOC',
  tsInitNs: 1_000n * S,
});

async function startRisk() {
  const kit = await startEngine({
    manifest: riskManifest,
    create: (ctx) => new RiskEngine(ctx),
    config: riskConfigSchema.parse({ limits: { maxPosition: { '*': '100' } } }),
    startNs: 1_000n * S,
    store: temp.store,
  });
  const seen: Envelope[] = [];
  await kit.bus.subscribe('probe', topics.everything, (envelope) => {
    seen.push(envelope);
  });
  return { ...kit, seen };
}

describe('risk engine with a store', () => {
  it('keeps a halt and its position book across a restart', async () => {
    const first = await startRisk();
    // A fill of 80 AAPL as the execution journal stores it (the whole bus payload).
    const fill = eventPayload(buy('O-t-1', '80'), 'AAPL', {
      type: 'filled',
      orderId: 'O-t-1',
      fillId: 'O-t-1-F1',
      lastPrice: Fixed.parse('190.00'),
      lastQty: Fixed.parse('80'),
      commission: Money.of('0.40', 'USD'),
      liquidity: 'taker',
      tsNs: 1_000n * S,
    });
    await temp.store.insert('order_events', [
      {
        orderId: 'O-t-1',
        eventType: 'filled',
        tsNs: 1_000n * S,
        data: JSON.parse(JSON.stringify(fill, bigintAsText)),
      },
    ]);
    await first.bus.request('test', 'trading-state', { state: 'HALTED', reason: 'operator drill' });
    await first.engine.onStop();

    await temp.reopen();
    const second = await startRisk();
    expect(second.engine.status().tradingState).toMatchObject({ state: 'HALTED', requestedBy: 'unknown' });
    second.engine.onHostReady();
    const announced = second.seen.find((e) => e.topic === topics.risk.state());
    expect(announced?.payload).toMatchObject({
      state: 'HALTED',
      reason: expect.stringContaining('operator drill'),
    });

    await second.bus.request('test', 'trading-state', { state: 'ACTIVE', reason: 'drill over' });
    // 80 restored + 30 would exceed the 100 limit: the restored book is what risk checks against.
    second.bus.publish({
      engine: 'test',
      topic: topics.order.submit('t'),
      payload: submitCommand(buy('O-t-2', '30'), 'AAPL'),
    });
    const denied = second.seen.find((e) => e.topic.startsWith('order.event.rejected'));
    expect(denied?.payload).toMatchObject({ orderId: 'O-t-2', code: 'MAX_POSITION' });
  });
});
