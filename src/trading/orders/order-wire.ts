import { z } from 'zod';
import { decimal, nanos } from '../../domain/payloads.ts';
import { Fixed } from '../money/fixed.ts';
import { Money } from '../money/money.ts';
import type { OrderEvent } from './order-events.ts';
import type { OrderInit } from './order-types.ts';

/**
 * Orders and order events on the bus: exact amounts as decimal strings, times as integer ns, so a
 * backtest and paper trading see byte-identical messages. Parsing validates every field.
 */
const fixed = decimal.transform((text) => Fixed.parse(text));

export const orderInitWire = z.strictObject({
  id: z.string().min(1),
  strategyId: z.string().min(1),
  instrumentId: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  type: z.enum(['market', 'limit', 'stop', 'stop-limit']),
  quantity: fixed,
  price: fixed.optional(),
  triggerPrice: fixed.optional(),
  timeInForce: z.enum(['GTC', 'IOC', 'FOK', 'DAY', 'GTD']).optional(),
  expireTimeNs: nanos.optional(),
  reduceOnly: z.boolean().optional(),
  postOnly: z.boolean().optional(),
  contingency: z.enum(['none', 'oto', 'oco']).optional(),
  parentOrderId: z.string().optional(),
  linkedOrderIds: z.array(z.string()).optional(),
  tsInitNs: nanos,
});

const base = { orderId: z.string().min(1), tsNs: nanos };
const money = z
  .strictObject({ amount: decimal, currency: z.string().min(1) })
  .transform((m) => Money.of(m.amount, m.currency));

export const orderEventWire = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('submitted'), ...base }),
  z.strictObject({ type: z.literal('accepted'), ...base, venueOrderId: z.string().optional() }),
  z.strictObject({ type: z.literal('rejected'), ...base, reason: z.string() }),
  z.strictObject({
    type: z.literal('filled'),
    ...base,
    fillId: z.string().min(1),
    lastPrice: fixed,
    lastQty: fixed,
    commission: money,
    liquidity: z.enum(['maker', 'taker']),
  }),
  z.strictObject({ type: z.literal('pending_cancel'), ...base }),
  z.strictObject({ type: z.literal('cancel_rejected'), ...base, reason: z.string() }),
  z.strictObject({ type: z.literal('canceled'), ...base }),
  z.strictObject({ type: z.literal('expired'), ...base }),
  z.strictObject({ type: z.literal('triggered'), ...base }),
  z.strictObject({
    type: z.literal('updated'),
    ...base,
    quantity: fixed.optional(),
    price: fixed.optional(),
    triggerPrice: fixed.optional(),
  }),
]);

/** JSON-safe form: Fixed and Money become decimal strings, bigints stay bigints (the codec writes them as text). */
function plain(value: unknown): unknown {
  if (value instanceof Fixed) return value.toString();
  if (value instanceof Money) return { amount: value.amount.toString(), currency: value.currency };
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, plain(item)]),
    );
  return value;
}

export function orderInitToWire(init: OrderInit): Record<string, unknown> {
  return plain(init) as Record<string, unknown>;
}

export function orderInitFromWire(payload: unknown): OrderInit {
  return orderInitWire.parse(payload) as OrderInit;
}

export function orderEventToWire(event: OrderEvent): Record<string, unknown> {
  return plain(event) as Record<string, unknown>;
}

export function orderEventFromWire(payload: unknown): OrderEvent {
  return orderEventWire.parse(payload) as OrderEvent;
}
