import { z } from 'zod';
import { NautilusError } from '../../core/errors.ts';
import type { Nanos } from '../../domain/time.ts';
import type { Instrument } from '../../trading/instruments/instrument.ts';
import { priceProblem, quantityProblem } from '../../trading/instruments/instrument-math.ts';
import type { InstrumentRegistry } from '../../trading/instruments/registry.ts';
import { Fixed } from '../../trading/money/fixed.ts';
import type { OrderInit } from '../../trading/orders/order-types.ts';
import { validateOrderInit } from '../../trading/orders/order-validation.ts';

const decimalText = z.string().regex(/^\d+(\.\d+)?$/, 'expected a positive decimal string such as "1.5"');

/** The body of `POST /api/orders`. */
export const orderBodySchema = z.strictObject({
  symbol: z.string().min(1).describe('e.g. AAPL (see GET /api/instruments)'),
  side: z.enum(['buy', 'sell']),
  type: z.enum(['market', 'limit']),
  quantity: decimalText.describe('decimal string on the instrument lot grid, e.g. "1"'),
  price: decimalText.optional().describe('limit orders only, on the tick grid, e.g. "101.5"'),
  timeInForce: z
    .enum(['GTC', 'DAY', 'IOC'])
    .optional()
    .describe('default: GTC for limit, IOC for market (a market order cannot be GTC)'),
});

export type OrderBody = z.output<typeof orderBodySchema>;

function bad(message: string): NautilusError {
  return new NautilusError('BAD_REQUEST', message);
}

function instrumentOf(instruments: InstrumentRegistry, symbol: string): Instrument {
  let found: Instrument | undefined;
  try {
    found = instruments.find(symbol);
  } catch (error) {
    throw bad(`symbol: ${(error as Error).message}`);
  }
  if (!found) throw bad(`symbol: unknown symbol "${symbol}" (see GET /api/instruments)`);
  return found;
}

/**
 * An order init from a checked body, as a strategy's order factory builds one (strategy id
 * `api`), except that amounts off the instrument grid are refused rather than snapped: a person
 * typed them. Every problem is a 400 naming the field.
 */
export function orderInitOfBody(
  body: OrderBody,
  instruments: InstrumentRegistry,
  nextId: () => string,
  tsInitNs: Nanos,
): { init: OrderInit; instrument: Instrument } {
  const instrument = instrumentOf(instruments, body.symbol);
  const quantity = Fixed.parse(body.quantity);
  const quantityIssue = quantityProblem(instrument, quantity);
  if (quantityIssue) throw bad(`quantity: ${quantityIssue}`);
  if (body.type === 'limit' && body.price === undefined) throw bad('price: a limit order needs a price');
  if (body.type === 'market' && body.price !== undefined) throw bad('price: a market order takes no price');
  if (body.type === 'market' && body.timeInForce === 'GTC')
    throw bad('timeInForce: a market order cannot be GTC (use IOC or DAY)');
  const init: OrderInit = {
    id: '',
    strategyId: 'api',
    instrumentId: instrument.id,
    side: body.side,
    type: body.type,
    quantity,
    timeInForce: body.timeInForce ?? (body.type === 'market' ? 'IOC' : 'GTC'),
    tsInitNs,
  };
  if (body.price !== undefined) {
    const price = Fixed.parse(body.price);
    if (!price.isPositive()) throw bad(`price: must be positive, got ${body.price}`);
    const priceIssue = priceProblem(instrument, price);
    if (priceIssue) throw bad(`price: ${priceIssue}`);
    init.price = price;
  }
  // The id is taken last: a refused body uses up no id.
  init.id = nextId();
  validateOrderInit(init);
  return { init, instrument };
}
