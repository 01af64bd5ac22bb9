import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/open-store.ts';
import { startApiHost } from './api-host-kit.ts';

const root = mkdtempSync(join(tmpdir(), 'nautilus-api-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const NOW_NS = BigInt(Date.now()) * 1_000_000n;
const order = { symbol: 'AAPL', side: 'buy', type: 'limit', quantity: '1', price: '100' };

describe('api engine with a store', () => {
  it('continues its order ids after a restart and reads orders, fills and positions from the store', async () => {
    const store = await openStore({ url: `pglite:${join(root, 'db')}`, dataDir: root }, NOW_NS);
    try {
      const settings = { engines: ['api'], 'engineConfig.api.orderAnswerMs': 0 };
      const first = await startApiHost(settings, store);
      const placed = await first.api('POST', '/api/orders', order);
      expect(placed.body).toEqual({ orderId: 'O-api-1', status: 'submitted' });
      // What the execution engine writes for an order it handled (rows as its OrderUpdateWriter sends them).
      await store.recordOrderUpdate({
        orders: [
          {
            orderId: 'O-api-1',
            strategyId: 'api',
            instrumentId: 'AAPL.SIM',
            side: 'buy',
            orderType: 'limit',
            quantity: '1',
            price: '100',
            status: 'filled',
            filledQty: '1',
            createdNs: NOW_NS,
            updatedNs: NOW_NS + 1n,
          },
        ],
        fills: [
          {
            fillId: 'O-api-1-F1',
            orderId: 'O-api-1',
            instrumentId: 'AAPL.SIM',
            side: 'buy',
            price: '100',
            quantity: '1',
            commission: '0.02',
            commissionCurrency: 'USD',
            liquidity: 'maker',
            tsNs: NOW_NS + 1n,
          },
        ],
        positions: [
          {
            accountId: 'main',
            instrumentId: 'AAPL.SIM',
            quantity: '1',
            avgPrice: '100',
            realizedPnl: '0',
            currency: 'USD',
            updatedNs: NOW_NS + 1n,
          },
        ],
      });
      await first.host.stop();

      const second = await startApiHost(settings, store);
      const again = await second.api('POST', '/api/orders', order);
      expect(again.body).toEqual({ orderId: 'O-api-2', status: 'submitted' });
      const orders = (await second.api('GET', '/api/orders')).body.orders;
      expect(orders.map((o: { orderId: string; status: string }) => [o.orderId, o.status])).toEqual([
        ['O-api-2', 'submitted'],
        ['O-api-1', 'filled'],
      ]);
      expect((await second.api('GET', '/api/orders?status=closed')).body.orders).toEqual([
        expect.objectContaining({
          orderId: 'O-api-1',
          symbol: 'AAPL',
          quantity: '1',
          filledQty: '1',
          price: '100',
        }),
      ]);
      expect((await second.api('GET', '/api/fills')).body.fills).toEqual([
        {
          fillId: 'O-api-1-F1',
          orderId: 'O-api-1',
          symbol: 'AAPL',
          side: 'buy',
          price: '100',
          quantity: '1',
          commission: '0.02',
          tsNs: String(NOW_NS + 1n),
        },
      ]);
      expect((await second.api('GET', '/api/positions')).body.positions).toEqual([
        expect.objectContaining({
          symbol: 'AAPL',
          quantity: '1',
          side: 'LONG',
          avgPrice: '100',
          currency: 'USD',
        }),
      ]);
      await second.host.stop();
    } finally {
      await store.close();
    }
  }, 60_000);
});
