import type { Instrument } from '../instruments/instrument.ts';
import { baseCurrencyOf } from '../instruments/instrument.ts';
import { commission as estimateCommission, notional } from '../instruments/instrument-math.ts';
import { Money } from '../money/money.ts';
import type { Price, Quantity } from '../money/price.ts';
import type { OrderSide } from '../orders/order-types.ts';
import { type AccountFill, type AccountResult, OK, rejected } from './account-types.ts';
import { Balances } from './balances.ts';

/**
 * Cash account: a buy pays notional + commission from the quote balance, a sell receives
 * notional - commission. FX and crypto spot also move the base currency. Derivatives need a
 * margin account. Balances never go negative: a shortfall is a rejection reason, not a throw.
 * Equity holdings are not tracked here (positions are); selling them is not checked.
 */
export class CashAccount {
  readonly type = 'cash';
  readonly id: string;
  readonly balances: Balances;
  private readonly reservations = new Map<string, Money[]>();

  constructor(id: string, initial: Iterable<Money> = []) {
    this.id = id;
    this.balances = new Balances(initial);
  }

  /** Pre-trade check with the taker fee as the commission estimate. */
  checkOrder(instrument: Instrument, side: OrderSide, quantity: Quantity, price: Price): AccountResult {
    const unsupported = this.unsupported(instrument);
    if (unsupported) return unsupported;
    const fee = estimateCommission(instrument, quantity, price, 'taker');
    return this.check(this.flows({ instrument, side, quantity, price, commission: fee }), []);
  }

  /** Locks what a working order may spend; a fill of that order releases it (see applyFill). */
  reserve(
    orderId: string,
    instrument: Instrument,
    side: OrderSide,
    quantity: Quantity,
    price: Price,
  ): AccountResult {
    const unsupported = this.unsupported(instrument);
    if (unsupported) return unsupported;
    const fee = estimateCommission(instrument, quantity, price, 'taker');
    const flows = this.flows({ instrument, side, quantity, price, commission: fee });
    const result = this.check(flows, this.reservations.get(orderId) ?? []);
    if (!result.ok) return result;
    this.reservations.set(
      orderId,
      flows.filter((m) => m.isNegative()).map((m) => m.neg()),
    );
    this.relock();
    return OK;
  }

  release(orderId: string): void {
    if (this.reservations.delete(orderId)) this.relock();
  }

  /** Books a fill; the order's reservation (if any) counts as available and is released. */
  applyFill(fill: AccountFill & { orderId?: string }): AccountResult {
    const unsupported = this.unsupported(fill.instrument);
    if (unsupported) return unsupported;
    const flows = this.flows(fill);
    const reserved = fill.orderId ? (this.reservations.get(fill.orderId) ?? []) : [];
    const result = this.check(flows, reserved);
    if (!result.ok) return result;
    for (const flow of flows) this.balances.adjust(flow);
    if (fill.orderId) this.release(fill.orderId);
    return OK;
  }

  private flows(fill: AccountFill): Money[] {
    const value = notional(fill.instrument, fill.quantity, fill.price);
    const buy = fill.side === 'buy';
    const flows = [buy ? value.neg() : value, fill.commission.neg()];
    const base = baseCurrencyOf(fill.instrument);
    if (base) {
      const units = Money.of(fill.quantity, base);
      flows.push(buy ? units : units.neg());
    }
    return flows;
  }

  private unsupported(instrument: Instrument): AccountResult | undefined {
    if (instrument.kind === 'future' || instrument.kind === 'crypto-perpetual') {
      return rejected(`UNSUPPORTED_INSTRUMENT: ${instrument.kind} ${instrument.id} needs a margin account`);
    }
    return undefined;
  }

  private check(flows: Money[], available: Money[]): AccountResult {
    const net = new Map<string, Money>();
    for (const flow of flows)
      net.set(flow.currency, (net.get(flow.currency) ?? Money.zero(flow.currency)).add(flow));
    for (const [code, delta] of net) {
      if (!delta.isNegative()) continue;
      let free = this.balances.free(code);
      for (const held of available) if (held.currency === code) free = free.add(held);
      if (free.add(delta).isNegative()) {
        return rejected(`INSUFFICIENT_FUNDS: need ${delta.neg()}, free ${free}`);
      }
    }
    return OK;
  }

  private relock(): void {
    const sums = new Map<string, Money>();
    for (const code of this.balances.currencies()) sums.set(code, Money.zero(code));
    for (const held of [...this.reservations.values()].flat()) {
      sums.set(held.currency, (sums.get(held.currency) ?? Money.zero(held.currency)).add(held));
    }
    for (const amount of sums.values()) this.balances.setLocked(amount);
  }
}
