import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../domain/envelope.ts';
import { topics } from '../../domain/topics.ts';
import { startEngine } from '../testing/engine-test-kit.ts';
import { CollateralEngine } from './engine.ts';
import { collateralConfigSchema, collateralManifest } from './manifest.ts';

const SEC = 1_000_000_000n;
const T0 = 1_700_000_000n * SEC;

async function start(config: Record<string, unknown> = {}) {
  const { bus, engine, get } = await startEngine({
    manifest: collateralManifest,
    create: (ctx) => new CollateralEngine(ctx),
    config: collateralConfigSchema.parse({ startingCash: 10_000, ...config }),
    startNs: T0,
  });
  const margins: Envelope[] = [];
  const alerts: Envelope[] = [];
  await bus.subscribe('probe', topics.pattern('collateral.margin'), (e) => void margins.push(e));
  await bus.subscribe('probe-alerts', topics.pattern('margin.alert'), (e) => void alerts.push(e));
  const fill = (at: bigint, side: 'buy' | 'sell', qty: string, price: string, net: string) =>
    bus.publish({
      engine: 'portfolio',
      topic: topics.position.change('AAPL'),
      payload: {
        account: 'main',
        symbol: 'AAPL',
        quantity: net,
        fillSide: side,
        fillPrice: price,
        fillQuantity: qty,
        commission: { amount: '0', currency: 'USD' },
      },
      eventTimeNs: at,
    });
  const bar = (at: bigint, close: number) =>
    bus.publish({
      engine: 'marketdata',
      topic: topics.marketData.bar('AAPL', '1m'),
      payload: {
        kind: 'bar',
        symbol: 'AAPL',
        spec: '1m',
        open: close,
        high: close,
        low: close,
        close,
        volume: 1,
        startNs: at - 60n * SEC,
        endNs: at,
      },
      eventTimeNs: at,
    });
  return { bus, engine, margins, alerts, fill, bar, get };
}

describe('collateral engine', () => {
  it('margins fills, re-margins on ticks, alerts URGENT on a call and clears it', async () => {
    const { margins, alerts, fill, bar } = await start();
    // 10000 cash, buy 200 @ 150: cash -20000, value 30000, equity 10000, requirement 7500
    fill(T0, 'buy', '200', '150', '200');
    expect(margins.at(-1)!.payload).toMatchObject({
      account: 'main',
      cash: '-20000.00',
      equity: '10000.00',
      requirement: '7500.00',
      status: 'ok',
      // P* = 20000 / (0.75 × 200) = 133.33.. -> 133.3334
      groups: [{ symbol: 'AAPL', triggerPrice: '133.3334' }],
    });
    bar(T0 + 60n * SEC, 140); // equity 8000, requirement 7000
    bar(T0 + 120n * SEC, 130); // equity 6000, requirement 6500: call 500
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ topic: 'margin.alert.main', priority: 'URGENT' });
    expect(alerts[0]!.payload).toMatchObject({
      status: 'margin-call',
      call: '500.00',
      cashToCure: '500.00',
      liquidationToCure: '2000.00',
    });
    bar(T0 + 180n * SEC, 135); // equity 7000, requirement 6750: cleared
    expect(alerts.map((a) => [a.priority, (a.payload as { status: string }).status])).toEqual([
      ['URGENT', 'margin-call'],
      ['NORMAL', 'cleared'],
    ]);
    expect(margins.map((m) => (m.payload as { equity: string }).equity)).toEqual([
      '10000.00',
      '8000.00',
      '6000.00',
      '7000.00',
    ]);
  });

  it('throttles ticks to one report per publishEveryMs, and resyncs cash from portfolio.update', async () => {
    const { bus, engine, margins, fill, bar } = await start({ publishEveryMs: 1000 });
    fill(T0, 'buy', '100', '100', '100');
    for (let i = 1; i <= 9; i++) bar(T0 + BigInt(i) * 100_000_000n, 100 + i); // 9 ticks within 1 s
    bar(T0 + SEC, 110);
    expect(margins).toHaveLength(2); // the fill, then the tick 1 s later
    expect(engine.healthFields()).toMatchObject({ remargins: 11, updatesPublished: 2 });
    // the portfolio values the account at equity 12000 with AAPL worth 11000: cash 1000
    bus.publish({
      engine: 'portfolio',
      topic: topics.portfolio.update('main'),
      payload: {
        account: 'main',
        baseCurrency: 'USD',
        equity: 12_000,
        exposures: { byInstrument: [{ symbol: 'AAPL', notionalBase: 11_000 }] },
      },
      eventTimeNs: T0 + 2n * SEC,
    });
    expect(margins.at(-1)!.payload).toMatchObject({
      cash: '1000.00',
      equity: '12000.00',
      requirement: '2750.00',
    });
  });

  it('answers projected-margin on the bus and GET /margin/:account over HTTP', async () => {
    const { bus, fill, get } = await start();
    fill(T0, 'buy', '200', '150', '200');
    // buy 100 more @ 150: cash -35000, value 45000, equity 10000; maintenance 11250 -> call 1250
    const projected = await bus.request('collateral', 'projected-margin', {
      account: 'main',
      symbol: 'AAPL',
      side: 'buy',
      quantity: '100',
    });
    expect(projected).toMatchObject({
      method: 'regt',
      before: { requirement: '7500.00', excess: '2500.00' },
      after: { equity: '10000.00', requirement: '11250.00', call: '1250.00' },
      wouldCall: true,
      initialShortfall: '12500.00',
    });
    await expect(
      bus.request('collateral', 'projected-margin', {
        account: 'main',
        symbol: 'AAPL',
        side: 'hold',
        quantity: '1',
      }),
    ).rejects.toThrow(/side/);
    // a new account starts from startingCash: 10000 buys 100 @ 150 within initial margin
    expect(
      await bus.request('collateral', 'projected-margin', {
        account: 'new',
        symbol: 'AAPL',
        side: 'buy',
        quantity: '100',
        price: '150',
      }),
    ).toMatchObject({ wouldCall: false, initialShortfall: '0.00' });
    const ok = await get('/margin/main');
    expect(ok).toMatchObject({
      status: 200,
      body: { account: 'main', equity: '10000.00', requirement: '7500.00' },
    });
    const missing = await get('/margin/nobody');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('known: main');
    expect((await get('/margin')).body).toMatchObject({ accounts: [{ account: 'main', excess: '2500.00' }] });
  });

  it('margins a future at its instrument rates and skips other currencies', async () => {
    const { bus, engine, margins } = await start();
    const change = (symbol: string, qty: string, price: string) =>
      bus.publish({
        engine: 'portfolio',
        topic: topics.position.change(symbol),
        payload: {
          account: 'main',
          symbol,
          quantity: qty,
          fillSide: 'buy',
          fillPrice: price,
          fillQuantity: qty,
          commission: { amount: '2.5', currency: 'USD' },
        },
        eventTimeNs: T0,
      });
    // ES: 1 × 5000 × 50 = 250000 at 5% maintenance = 12500; cash 10000 - 250000 - 2.5 commission
    change('ES', '1', '5000');
    expect(margins.at(-1)!.payload).toMatchObject({
      cash: '-240002.50',
      equity: '9997.50',
      requirement: '12500.00',
      status: 'margin-call',
    });
    change('BTCUSDT', '1', '40000'); // quoted in USDT
    expect(engine.healthFields()).toMatchObject({ notMargined: ['BTCUSDT'] });
  });
});
