import type { Nanos } from '../../domain/time.ts';
import type { Fixed } from '../money/fixed.ts';

export type InstrumentKind = 'equity' | 'fx' | 'future' | 'crypto-spot' | 'crypto-perpetual';

interface InstrumentBase {
  /** `${symbol}.${venue}`, e.g. "AAPL.SIM". */
  readonly id: string;
  readonly symbol: string;
  readonly venue: string;
  readonly quoteCurrency: string;
  readonly tickSize: Fixed;
  readonly lotSize: Fixed;
  readonly minQuantity: Fixed;
  /** Contract multiplier: notional = price * quantity * multiplier. 1 except for futures. */
  readonly multiplier: Fixed;
  /** Fractions of notional, e.g. 0.05 = 5 %. maintenance <= initial. */
  readonly marginInit: Fixed;
  readonly marginMaint: Fixed;
  /** Fee rates on notional; negative maker fee = rebate. */
  readonly makerFee: Fixed;
  readonly takerFee: Fixed;
  /** Decimals of a price (= tickSize.scale) and of a quantity (= lotSize.scale). */
  readonly pricePrecision: number;
  readonly sizePrecision: number;
}

export interface Equity extends InstrumentBase {
  readonly kind: 'equity';
}

export interface FxPair extends InstrumentBase {
  readonly kind: 'fx';
  readonly baseCurrency: string;
}

export interface Future extends InstrumentBase {
  readonly kind: 'future';
  readonly underlying: string;
  readonly expiryNs: Nanos;
}

export interface CryptoSpot extends InstrumentBase {
  readonly kind: 'crypto-spot';
  readonly baseCurrency: string;
}

export interface CryptoPerpetual extends InstrumentBase {
  readonly kind: 'crypto-perpetual';
  readonly baseCurrency: string;
  /** Funding is exchanged every interval (8 h on most venues). */
  readonly fundingIntervalNs: Nanos;
}

export type Instrument = Equity | FxPair | Future | CryptoSpot | CryptoPerpetual;

export function baseCurrencyOf(instrument: Instrument): string | undefined {
  return 'baseCurrency' in instrument ? instrument.baseCurrency : undefined;
}
