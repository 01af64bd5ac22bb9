import type { InstrumentRegistry } from '../../trading/instruments/registry.ts';
import { Fixed } from '../../trading/money/fixed.ts';
import { priceFromFloat } from '../../trading/money/price.ts';

const ZERO = Fixed.parse('0');

/** What risk needs to know between orders: net positions from fills and the last price per symbol. */
export class RiskBook {
  private readonly positions = new Map<string, Fixed>();
  private readonly prices = new Map<string, Fixed>();

  constructor(private readonly instruments: InstrumentRegistry) {}

  netPosition(instrumentId: string): Fixed {
    return this.positions.get(instrumentId) ?? ZERO;
  }

  referencePrice(instrumentId: string): Fixed | undefined {
    return this.prices.get(instrumentId);
  }

  onFill(instrumentId: string, side: 'buy' | 'sell', quantity: Fixed): void {
    const signed = side === 'buy' ? quantity : quantity.neg();
    this.positions.set(instrumentId, this.netPosition(instrumentId).add(signed));
  }

  /** Market data carries float prices: they are snapped to the instrument's tick. */
  onPrice(symbol: string, price: number): void {
    const instrument = this.instruments.find(symbol);
    if (instrument === undefined || !Number.isFinite(price)) return;
    this.prices.set(instrument.id, priceFromFloat(price, instrument.tickSize));
  }
}
