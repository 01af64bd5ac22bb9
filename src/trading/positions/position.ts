import type { Nanos } from '../../domain/time.ts';
import { conflict, invalid } from '../errors.ts';
import type { Instrument } from '../instruments/instrument.ts';
import { Fixed } from '../money/fixed.ts';
import { Money } from '../money/money.ts';
import type { Price, Quantity } from '../money/price.ts';
import { Ratio } from '../money/ratio.ts';
import type { RoundingMode } from '../money/rounding.ts';
import type { OrderFilled } from '../orders/order-events.ts';
import type { OrderSide } from '../orders/order-types.ts';

export type PositionSide = 'LONG' | 'SHORT' | 'FLAT';

export interface PositionFill {
  orderId: string;
  fillId: string;
  side: OrderSide;
  quantity: Quantity;
  price: Price;
  commission: Money;
  tsNs: Nanos;
}

/** The position side of a venue fill of an order on `side`. */
export function positionFillOf(side: OrderSide, event: OrderFilled): PositionFill {
  return {
    orderId: event.orderId,
    fillId: event.fillId,
    side,
    quantity: event.lastQty,
    price: event.lastPrice,
    commission: event.commission,
    tsNs: event.tsNs,
  };
}

export interface PositionFillResult {
  /** Realised PnL booked by this fill (quote currency, rounded half-even). */
  realizedPnl: Money;
  closedQty: Quantity;
  openedQty: Quantity;
  /** Quantity beyond flat that this position did not take (the caller opens it elsewhere). */
  remainder: Quantity;
}

/**
 * One position, average-cost method: adding moves the average open price (kept exact as a
 * Ratio); reducing keeps it and books (exit - avgOpen) * qty * multiplier (sign-adjusted for
 * shorts), rounded once per fill to the quote currency. realizedPnl is gross of commissions.
 */
export class Position {
  readonly id: string;
  readonly instrument: Instrument;
  readonly openingOrderId: string;
  readonly tsOpenedNs: Nanos;
  signedQty: Fixed;
  realizedPnl: Money;
  readonly commissions = new Map<string, Money>();
  tsLastNs: Nanos;
  tsClosedNs: Nanos | undefined;
  readonly fillIds: string[] = [];
  private avgOpen: Ratio = Ratio.ZERO;

  constructor(id: string, instrument: Instrument, opening: PositionFill) {
    this.id = id;
    this.instrument = instrument;
    this.openingOrderId = opening.orderId;
    this.tsOpenedNs = opening.tsNs;
    this.tsLastNs = opening.tsNs;
    this.signedQty = Fixed.zero(instrument.sizePrecision);
    this.realizedPnl = Money.zero(instrument.quoteCurrency);
    this.applyFill(opening);
  }

  get side(): PositionSide {
    const sign = this.signedQty.sign();
    return sign > 0 ? 'LONG' : sign < 0 ? 'SHORT' : 'FLAT';
  }
  get quantity(): Quantity {
    return this.signedQty.abs();
  }
  get isClosed(): boolean {
    return this.tsClosedNs !== undefined;
  }
  /** Exact average open price; zero when flat. */
  get avgOpenPx(): Ratio {
    return this.avgOpen;
  }
  avgOpenPxAt(scale: number, mode: RoundingMode = 'half-even'): Price {
    return this.avgOpen.toFixed(scale, mode);
  }

  applyFill(fill: PositionFill): PositionFillResult {
    if (this.isClosed) throw conflict(`position ${this.id} is closed`, { positionId: this.id });
    if (!fill.quantity.isPositive()) throw invalid(`position ${this.id}: fill quantity must be positive`);
    if (fill.tsNs < this.tsLastNs) throw conflict(`position ${this.id}: fill ${fill.fillId} is out of order`);
    const signed = fill.side === 'buy' ? fill.quantity : fill.quantity.neg();
    const opening = this.signedQty.isZero() || this.signedQty.sign() === signed.sign();
    const closedQty = opening ? Fixed.zero(fill.quantity.scale) : minAbs(fill.quantity, this.quantity);
    const openedQty = opening ? fill.quantity : Fixed.zero(fill.quantity.scale);
    const remainder = fill.quantity.sub(closedQty).sub(openedQty);
    const applied = fill.quantity.sub(remainder);
    let realizedPnl = Money.zero(this.instrument.quoteCurrency);
    if (opening) {
      const cost = this.avgOpen.mul(this.quantity).add(fill.price.mul(fill.quantity));
      this.avgOpen = cost.div(this.quantity.add(fill.quantity));
    } else {
      const direction = this.side === 'LONG' ? Ratio.of(1n) : Ratio.of(-1n);
      const pnl = Ratio.fromFixed(fill.price)
        .sub(this.avgOpen)
        .mul(closedQty)
        .mul(this.instrument.multiplier);
      realizedPnl = Money.round(pnl.mul(direction), this.instrument.quoteCurrency);
      this.realizedPnl = this.realizedPnl.add(realizedPnl);
    }
    this.signedQty = this.signedQty.add(fill.side === 'buy' ? applied : applied.neg());
    this.addCommission(proRata(fill.commission, applied, fill.quantity));
    this.fillIds.push(fill.fillId);
    this.tsLastNs = fill.tsNs;
    if (this.signedQty.isZero()) {
      this.tsClosedNs = fill.tsNs;
      this.avgOpen = Ratio.ZERO;
    }
    return { realizedPnl, closedQty, openedQty, remainder };
  }

  /** PnL if closed at `mark` (quote currency, half-even). */
  unrealizedPnl(mark: Price): Money {
    const direction = BigInt(this.signedQty.sign());
    const pnl = Ratio.fromFixed(mark).sub(this.avgOpen).mul(this.quantity).mul(this.instrument.multiplier);
    return Money.round(pnl.mul(Ratio.of(direction)), this.instrument.quoteCurrency);
  }

  totalPnl(mark: Price): Money {
    return this.realizedPnl.add(this.unrealizedPnl(mark));
  }

  /** Realised PnL minus commissions paid in the quote currency. */
  netRealizedPnl(): Money {
    const fees = this.commissions.get(this.instrument.quoteCurrency);
    return fees ? this.realizedPnl.sub(fees) : this.realizedPnl;
  }

  private addCommission(fee: Money): void {
    const prior = this.commissions.get(fee.currency);
    this.commissions.set(fee.currency, prior ? prior.add(fee) : fee);
  }
}

function minAbs(a: Fixed, b: Fixed): Fixed {
  return a.lte(b) ? a : b;
}

/** The share of a fill's commission for `part` of `whole`; the rest goes with the remainder. */
export function proRata(fee: Money, part: Quantity, whole: Quantity): Money {
  if (part.eq(whole)) return fee;
  return Money.round(Ratio.fromFixed(fee.amount).mul(part).div(whole), fee.currency);
}
