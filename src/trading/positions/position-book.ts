import { conflict, invalid } from '../errors.ts';
import type { Instrument } from '../instruments/instrument.ts';
import { Fixed } from '../money/fixed.ts';
import { Money } from '../money/money.ts';
import { Position, type PositionFill, proRata } from './position.ts';

/** NETTING: one position per instrument. HEDGING: one per opening order (or given position id). */
export type OmsType = 'NETTING' | 'HEDGING';

export interface PositionEvent {
  type: 'opened' | 'changed' | 'closed';
  position: Position;
}

export interface BookFillResult {
  events: PositionEvent[];
  realizedPnl: Money;
}

/** Positions of one strategy (or account); pure bookkeeping, no I/O. */
export class PositionBook {
  readonly oms: OmsType;
  private readonly open = new Map<string, Position>();
  private readonly closed: Position[] = [];

  constructor(oms: OmsType) {
    this.oms = oms;
  }

  /**
   * Applies a fill. NETTING: a fill beyond flat closes the position and opens a new one (same id,
   * new object) with the remainder and the remaining share of the commission. HEDGING: without
   * positionId a fill opens a new position "P-<orderId>"; a fill that would cross flat throws.
   */
  applyFill(instrument: Instrument, fill: PositionFill & { positionId?: string }): BookFillResult {
    const id = this.positionIdFor(instrument, fill);
    const existing = this.open.get(id);
    if (!existing) {
      const position = new Position(id, instrument, fill);
      this.open.set(id, position);
      return { events: [{ type: 'opened', position }], realizedPnl: Money.zero(instrument.quoteCurrency) };
    }
    if (existing.instrument.id !== instrument.id) {
      throw invalid(`position ${id} is for ${existing.instrument.id}, not ${instrument.id}`);
    }
    if (this.oms === 'HEDGING' && !existing.signedQty.isZero()) {
      const closing = existing.side === (fill.side === 'buy' ? 'SHORT' : 'LONG');
      if (closing && fill.quantity.gt(existing.quantity)) {
        throw conflict(
          `position ${id}: fill ${fill.fillId} of ${fill.quantity} exceeds ${existing.quantity} (HEDGING)`,
        );
      }
    }
    // The position keeps its pro-rata share of the commission; the flipped remainder gets the rest.
    const result = existing.applyFill(fill);
    const events: PositionEvent[] = [{ type: existing.isClosed ? 'closed' : 'changed', position: existing }];
    if (existing.isClosed) {
      this.open.delete(id);
      this.closed.push(existing);
    }
    if (result.remainder.isPositive()) {
      const kept = proRata(fill.commission, fill.quantity.sub(result.remainder), fill.quantity);
      const fee = fill.commission.sub(kept);
      const flipped = new Position(id, instrument, { ...fill, quantity: result.remainder, commission: fee });
      this.open.set(id, flipped);
      events.push({ type: 'opened', position: flipped });
    }
    return { events, realizedPnl: result.realizedPnl };
  }

  get(positionId: string): Position | undefined {
    return this.open.get(positionId);
  }

  openPositions(instrumentId?: string): Position[] {
    return [...this.open.values()].filter((p) => !instrumentId || p.instrument.id === instrumentId);
  }

  closedPositions(): Position[] {
    return [...this.closed];
  }

  /** Sum of signed quantities of the open positions on an instrument. */
  netQuantity(instrumentId: string): Fixed {
    return this.openPositions(instrumentId).reduce((sum, p) => sum.add(p.signedQty), Fixed.zero());
  }

  private positionIdFor(instrument: Instrument, fill: PositionFill & { positionId?: string }): string {
    if (this.oms === 'NETTING') {
      if (fill.positionId && fill.positionId !== `P-${instrument.id}`) {
        throw invalid(`NETTING book: position id must be P-${instrument.id}, got ${fill.positionId}`);
      }
      return `P-${instrument.id}`;
    }
    return fill.positionId ?? `P-${fill.orderId}`;
  }
}
