export interface CrossSymbolReading {
  /** Σ w_s·VPIN_s / Σ w_s over the symbols seen so far. */
  vpin: number;
  symbols: number;
  totalWeight: number;
  /** Every symbol's latest VPIN is over a full window. */
  full: boolean;
}

/**
 * Market-wide toxicity: each symbol's latest VPIN weighted by the notional it traded over its
 * VPIN window (volume × price, in each symbol's quote currency, with no FX or contract-multiplier
 * conversion: a coarse but unit-consistent "how much money moved" weight). A symbol with zero
 * weight counts equally with the others only if every weight is zero.
 */
export class CrossSymbolVpin {
  private readonly latest = new Map<string, { vpin: number; weight: number; full: boolean }>();

  update(symbol: string, vpin: number, weight: number, full = true): CrossSymbolReading {
    this.latest.set(symbol, { vpin, weight: weight > 0 && Number.isFinite(weight) ? weight : 0, full });
    let weighted = 0;
    let total = 0;
    let plain = 0;
    let allFull = true;
    for (const entry of this.latest.values()) {
      weighted += entry.vpin * entry.weight;
      total += entry.weight;
      plain += entry.vpin;
      allFull &&= entry.full;
    }
    const n = this.latest.size;
    return { vpin: total > 0 ? weighted / total : plain / n, symbols: n, totalWeight: total, full: allFull };
  }
}
