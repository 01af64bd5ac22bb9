import { invalid } from '../errors.ts';
import type { Instrument } from '../instruments/instrument.ts';
import {
  commission as estimateCommission,
  initialMargin,
  maintenanceMargin,
} from '../instruments/instrument-math.ts';
import { Fixed } from '../money/fixed.ts';
import { Money } from '../money/money.ts';
import type { Price, Quantity } from '../money/price.ts';
import type { OrderSide } from '../orders/order-types.ts';
import { type AccountFill, type AccountResult, OK, rejected } from './account-types.ts';
import { Balances } from './balances.ts';

interface Exposure {
  instrument: Instrument;
  signedQty: Fixed;
  /** Price basis of the margin: last fill or last revaluation. */
  price: Price;
  margin: Money;
}

/**
 * Margin account: fills move cash only by realised PnL and commission; the initial margin of
 * each position (|qty| * price * multiplier * marginInit, rounded up) is locked in the quote
 * currency. A fill that grows exposure beyond the free balance is rejected (INSUFFICIENT_MARGIN);
 * a reducing fill never is.
 */
export class MarginAccount {
  readonly type = 'margin';
  readonly id: string;
  readonly balances: Balances;
  private readonly exposures = new Map<string, Exposure>();

  constructor(id: string, initial: Iterable<Money> = []) {
    this.id = id;
    this.balances = new Balances(initial);
  }

  checkOrder(
    instrument: Instrument,
    side: OrderSide,
    quantity: Quantity,
    price: Price,
    positionId = instrument.id,
  ): AccountResult {
    const fee = estimateCommission(instrument, quantity, price, 'taker');
    return this.plan({ instrument, side, quantity, price, commission: fee, positionId }).result;
  }

  applyFill(fill: AccountFill): AccountResult {
    const { result, key, exposure } = this.plan(fill);
    if (!result.ok) return result;
    if (fill.realizedPnl) this.balances.adjust(fill.realizedPnl);
    this.balances.adjust(fill.commission.neg());
    if (exposure.signedQty.isZero()) this.exposures.delete(key);
    else this.exposures.set(key, exposure);
    this.relock();
    return OK;
  }

  /** Re-bases the margins of an instrument's positions on a mark price. */
  revalue(instrument: Instrument, mark: Price): void {
    for (const exposure of this.exposures.values()) {
      if (exposure.instrument.id !== instrument.id) continue;
      exposure.price = mark;
      exposure.margin = initialMargin(instrument, exposure.signedQty, mark);
    }
    this.relock();
  }

  /** Perpetual funding: longs pay qty * mark * rate when rate > 0. Returns the account's flow. */
  applyFunding(instrument: Instrument, rate: Fixed, mark: Price, positionId = instrument.id): Money {
    if (instrument.kind !== 'crypto-perpetual') throw invalid(`${instrument.id} is not a perpetual`);
    const exposure = this.exposures.get(positionId);
    if (!exposure) return Money.zero(instrument.quoteCurrency);
    const flow = Money.round(exposure.signedQty.mul(mark).mul(rate).neg(), instrument.quoteCurrency);
    this.balances.adjust(flow);
    return flow;
  }

  margin(positionId: string): Money | undefined {
    return this.exposures.get(positionId)?.margin;
  }

  maintenanceMargin(code: string): Money {
    let sum = Money.zero(code);
    for (const e of this.exposures.values()) {
      if (e.instrument.quoteCurrency === code)
        sum = sum.add(maintenanceMargin(e.instrument, e.signedQty, e.price));
    }
    return sum;
  }

  private plan(fill: AccountFill): { result: AccountResult; key: string; exposure: Exposure } {
    const { instrument } = fill;
    const key = fill.positionId ?? instrument.id;
    const prior = this.exposures.get(key);
    if (prior && prior.instrument.id !== instrument.id) {
      throw invalid(`position ${key} is for ${prior.instrument.id}, not ${instrument.id}`);
    }
    const oldQty = prior?.signedQty ?? Fixed.zero();
    const signedQty = oldQty.add(fill.side === 'buy' ? fill.quantity : fill.quantity.neg());
    const margin = initialMargin(instrument, signedQty, fill.price);
    const exposure: Exposure = { instrument, signedQty, price: fill.price, margin };
    if (signedQty.abs().lte(oldQty.abs())) return { result: OK, key, exposure };
    const code = instrument.quoteCurrency;
    let need = margin.sub(prior?.margin ?? Money.zero(code));
    if (fill.commission.currency === code) need = need.add(fill.commission);
    if (fill.realizedPnl) need = need.sub(fill.realizedPnl);
    const free = this.balances.free(code);
    if (need.gt(free))
      return { result: rejected(`INSUFFICIENT_MARGIN: need ${need}, free ${free}`), key, exposure };
    return { result: OK, key, exposure };
  }

  private relock(): void {
    const sums = new Map<string, Money>();
    for (const code of this.balances.currencies()) sums.set(code, Money.zero(code));
    for (const { margin } of this.exposures.values()) {
      sums.set(margin.currency, (sums.get(margin.currency) ?? Money.zero(margin.currency)).add(margin));
    }
    for (const amount of sums.values()) this.balances.setLocked(amount);
  }
}
