import { Fixed } from '../money/fixed.ts';

/** Limits every order is checked against before it reaches execution. Undefined means no limit. */
export interface PreTradeLimits {
  /** Largest |quantity × price × multiplier| of one order, in the instrument's quote currency. */
  maxOrderNotional?: Fixed;
  /** Largest |net position| after the order fills, per instrument id (or '*' for every instrument). */
  maxPosition?: Readonly<Record<string, Fixed>>;
  /** Orders accepted per rolling second, across all strategies. */
  maxOrdersPerSecond?: number;
  /** Largest relative distance of a limit or stop price from the reference (last) price, e.g. 0.05. */
  priceBand?: number;
}

/** Parses limits from config (decimal strings), naming the bad field. */
export function parsePreTradeLimits(raw: {
  maxOrderNotional?: string;
  maxPosition?: Record<string, string>;
  maxOrdersPerSecond?: number;
  priceBand?: number;
}): PreTradeLimits {
  const fixed = (field: string, text: string) => {
    try {
      const value = Fixed.parse(text);
      if (value.isNegative()) throw new RangeError('negative');
      return value;
    } catch {
      throw new RangeError(
        `risk limit ${field}: expected a non-negative decimal such as "100000", got ${JSON.stringify(text)}`,
      );
    }
  };
  if (raw.priceBand !== undefined && !(raw.priceBand > 0 && raw.priceBand < 1))
    throw new RangeError(`risk limit priceBand: expected a fraction in (0, 1), got ${raw.priceBand}`);
  if (
    raw.maxOrdersPerSecond !== undefined &&
    !(Number.isInteger(raw.maxOrdersPerSecond) && raw.maxOrdersPerSecond > 0)
  )
    throw new RangeError(
      `risk limit maxOrdersPerSecond: expected a positive integer, got ${raw.maxOrdersPerSecond}`,
    );
  return {
    maxOrderNotional:
      raw.maxOrderNotional === undefined ? undefined : fixed('maxOrderNotional', raw.maxOrderNotional),
    maxPosition:
      raw.maxPosition === undefined
        ? undefined
        : Object.fromEntries(
            Object.entries(raw.maxPosition).map(([id, text]) => [id, fixed(`maxPosition.${id}`, text)]),
          ),
    maxOrdersPerSecond: raw.maxOrdersPerSecond,
    priceBand: raw.priceBand,
  };
}
