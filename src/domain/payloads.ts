import { z } from 'zod';
import type { MessageType } from './message-types.ts';
import { parseNanos } from './time.ts';

/** Wire form of a timestamp: a decimal string (JSON) or a bigint (msgpack); always a bigint in memory. */
export const nanos = z.union([z.bigint(), z.string(), z.number()]).transform((value, ctx) => {
  try {
    return parseNanos(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const symbol = z.string().min(1).max(64);
const price = z.number().finite();
const quantity = z.number().finite().nonnegative();
/** Exact amounts (accounting) travel as decimal strings, never floats. */
export const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string such as "101.25"');
const side = z.enum(['buy', 'sell']);
const level = z.tuple([price, quantity]);

export const tradeTick = z.object({
  kind: z.literal('trade'),
  symbol,
  price,
  size: quantity,
  aggressor: side.optional(),
  tradeId: z.string().optional(),
  tsNs: nanos,
});
export const quoteTick = z.object({
  kind: z.literal('quote'),
  symbol,
  bid: price,
  ask: price,
  bidSize: quantity,
  askSize: quantity,
  tsNs: nanos,
});
export const bar = z.object({
  kind: z.literal('bar'),
  symbol,
  spec: z.string().min(1),
  open: price,
  high: price,
  low: price,
  close: price,
  volume: quantity,
  startNs: nanos,
  endNs: nanos,
});
export const bookSnapshot = z.object({
  kind: z.literal('book'),
  symbol,
  bids: z.array(level),
  asks: z.array(level),
  tsNs: nanos,
});

/** A live subscription went silent (or came back): an alert, e.g. after a silent broker disconnect. */
export const feedStatus = z.object({
  kind: z.literal('status'),
  symbol,
  feed: z.string().min(1),
  state: z.enum(['stale', 'live']),
  lastEventNs: nanos,
  silentMs: z.number().nonnegative(),
  tsNs: nanos,
});

const health = z.object({
  engine: z.string(),
  instance: z.string(),
  state: z.string(),
  implemented: z.boolean(),
  detail: z.string().optional(),
  tsNs: nanos,
});

/** Types whose payloads later engines enrich carry a required core and accept extra fields. */
const named = (key: string) => z.looseObject({ [key]: z.string().min(1) });

export const PAYLOAD_SCHEMAS = {
  MARKET_DATA: z.discriminatedUnion('kind', [tradeTick, quoteTick, bar, bookSnapshot, feedStatus]),
  PRICE_UPDATE: z.object({ symbol, price, tsNs: nanos }),
  VOLUME_UPDATE: z.object({ symbol, volume: quantity, tsNs: nanos }),
  TRADE_EXECUTION: z.looseObject({
    orderId: z.string(),
    symbol,
    side,
    price: decimal,
    quantity: decimal,
    tsNs: nanos,
  }),
  VPIN_CALCULATION: z.looseObject({ symbol, vpin: z.number().min(0).max(1), tsNs: nanos }),
  TOXICITY_ALERT: z.looseObject({
    symbol,
    level: z.enum(['warning', 'critical']),
    vpin: z.number(),
    tsNs: nanos,
  }),
  RISK_METRIC: z.looseObject({ name: z.string(), value: z.number(), tsNs: nanos }),
  RISK_ALERT: z.looseObject({ kind: z.string(), message: z.string(), tsNs: nanos }),
  TRADING_STATE: z.object({ state: z.enum(['ACTIVE', 'REDUCING', 'HALTED']), reason: z.string().min(1) }),
  ML_PREDICTION: named('model'),
  MODEL_TRAINING: named('model'),
  FEATURE_CALCULATION: named('symbol'),
  FACTOR_CALCULATION: named('factor'),
  FACTOR_MODEL: named('model'),
  ANALYTICS_RESULT: named('kind'),
  STRATEGY_SIGNAL: z.looseObject({
    strategy: z.string(),
    symbol,
    direction: z.enum(['long', 'short', 'flat']),
  }),
  PORTFOLIO_UPDATE: named('account'),
  PORTFOLIO_REBALANCE: named('account'),
  POSITION_CHANGE: z.looseObject({ symbol, quantity: decimal }),
  COLLATERAL_UPDATE: named('account'),
  MARGIN_ALERT: named('account'),
  ORDER_COMMAND: z.looseObject({
    action: z.enum(['submit', 'cancel', 'modify']),
    orderId: z.string().min(1),
  }),
  ORDER_EVENT: z.looseObject({ orderId: z.string().min(1), status: z.string().min(1) }),
  ENGINE_HEALTH: health,
  PERFORMANCE_METRIC: z.looseObject({ name: z.string(), value: z.number() }),
  BACKTEST_EVENT: named('runId'),
  WEBSOCKET_BROADCAST: z.looseObject({ channel: z.string() }),
  RPC_REQUEST: z.object({
    endpoint: z.string(),
    body: z.unknown(),
    /** bus.auth: the requester's Ed25519 signature (see bus/bus-auth.ts). */
    auth: z
      .object({ principal: z.string(), issuedAtMs: z.number(), nonce: z.string(), signature: z.string() })
      .optional(),
  }),
  RPC_RESPONSE: z.object({
    ok: z.boolean(),
    body: z.unknown().optional(),
    error: z.string().optional(),
    /** The endpoint's NautilusError code, so the requester rethrows the same kind of error. */
    code: z.string().optional(),
  }),
} satisfies Record<MessageType, z.ZodType>;

export type PayloadOf<T extends MessageType> = z.output<(typeof PAYLOAD_SCHEMAS)[T]>;
export type MarketDataPayload = PayloadOf<'MARKET_DATA'>;
