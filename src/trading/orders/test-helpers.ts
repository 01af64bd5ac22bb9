import { fx } from '../money/fixed.ts';
import { Money } from '../money/money.ts';
import type { OrderFilled } from './order-events.ts';
import type { OrderInit } from './order-types.ts';

/** Shared fixtures for the orders tests. */
export function limitInit(patch: Partial<OrderInit> = {}): OrderInit {
  return {
    id: 'O-S1-1',
    strategyId: 'S1',
    instrumentId: 'AAPL.SIM',
    side: 'buy',
    type: 'limit',
    quantity: fx('100'),
    price: fx('190.00'),
    tsInitNs: 1_000n,
    ...patch,
  };
}

export function fillEvent(orderId: string, n: number, qty: string, px: string, tsNs = 5_000n): OrderFilled {
  return {
    type: 'filled',
    orderId,
    fillId: `${orderId}-F${n}`,
    lastPrice: fx(px),
    lastQty: fx(qty),
    commission: Money.of('0.50', 'USD'),
    liquidity: 'maker',
    tsNs,
  };
}
