import { invalid } from '../errors.ts';

export type CurrencyKind = 'fiat' | 'crypto';

export interface Currency {
  readonly code: string;
  /** Number of decimal places an amount of this currency is booked with. */
  readonly precision: number;
  readonly kind: CurrencyKind;
}

const TABLE = new Map<string, Currency>();

function define(code: string, precision: number, kind: CurrencyKind): void {
  TABLE.set(code, Object.freeze({ code, precision, kind }));
}

for (const code of ['USD', 'EUR', 'GBP', 'CHF', 'AUD', 'CAD', 'NZD', 'HKD', 'SGD', 'CNH'])
  define(code, 2, 'fiat');
define('JPY', 0, 'fiat');
define('KRW', 0, 'fiat');
define('BTC', 8, 'crypto');
define('ETH', 8, 'crypto');
define('SOL', 8, 'crypto');
define('USDT', 6, 'crypto');
define('USDC', 6, 'crypto');

const CODE = /^[A-Z0-9]{2,10}$/;

/** Looks up a currency; unknown codes throw (add them with `registerCurrency`). */
export function currency(code: string): Currency {
  const found = TABLE.get(code);
  if (!found) throw invalid(`unknown currency: ${JSON.stringify(code)}`, { code });
  return found;
}

export function isKnownCurrency(code: string): boolean {
  return TABLE.has(code);
}

/** Adds a currency; re-registering with a different precision throws (amounts would change meaning). */
export function registerCurrency(code: string, precision: number, kind: CurrencyKind): Currency {
  if (!CODE.test(code)) throw invalid(`bad currency code: ${JSON.stringify(code)}`);
  if (!Number.isInteger(precision) || precision < 0 || precision > 18) {
    throw invalid(`currency precision must be an integer in [0, 18], got ${precision}`);
  }
  const existing = TABLE.get(code);
  if (existing) {
    if (existing.precision !== precision || existing.kind !== kind) {
      throw invalid(`currency ${code} already registered with precision ${existing.precision}`);
    }
    return existing;
  }
  define(code, precision, kind);
  return currency(code);
}
