/**
 * Turns bar closes into panel rows: one row per period (bar end time), the return of each symbol
 * with a close in this period and the previous one, and its market cap at the period's start
 * (shares x previous close). Pure: no bus, no clock.
 */

import type { Nanos } from '../../domain/time.ts';
import type { FactorPanel } from '../../signals/factor-model/panel.ts';
import type { ToranikoConfig } from './manifest.ts';

interface PanelRow {
  endNs: Nanos;
  /** symbol -> [return, previous close] */
  cells: Map<string, [number, number]>;
}

export class BarPanel {
  private readonly rows: PanelRow[] = [];
  private readonly lastClose = new Map<string, number>();
  private open: { endNs: Nanos; closes: Map<string, number> } | undefined;
  /** Rows closed so far, including those dropped from the history. */
  closedPeriods = 0;

  constructor(
    private readonly assets: ToranikoConfig['assets'],
    private readonly historyPeriods: number,
  ) {}

  /** A bar close; returns true when it closed the previous period (a later end time arrived). */
  observe(symbol: string, close: number, endNs: Nanos): boolean {
    if (!(close > 0)) return false;
    if (this.open && endNs < this.open.endNs) return false; // late bar of a closed period
    let closed = false;
    if (this.open && endNs > this.open.endNs) {
      this.closePeriod();
      closed = true;
    }
    this.open ??= { endNs, closes: new Map() };
    this.open.closes.set(symbol, close);
    return closed;
  }

  private closePeriod(): void {
    const { endNs, closes } = this.open!;
    const cells = new Map<string, [number, number]>();
    for (const [symbol, close] of closes) {
      const previous = this.lastClose.get(symbol);
      if (previous !== undefined) cells.set(symbol, [close / previous - 1, previous]);
      this.lastClose.set(symbol, close);
    }
    this.open = undefined;
    this.rows.push({ endNs, cells });
    this.closedPeriods++;
    if (this.rows.length > this.historyPeriods) this.rows.shift();
  }

  get length(): number {
    return this.rows.length;
  }

  endNsAt(index: number): Nanos {
    return this.rows[index]!.endNs;
  }

  /** The kept rows as a dense panel (symbols and sectors sorted, as Toraniko sorts sectors). */
  toPanel(): FactorPanel {
    const symbols = [...new Set(this.rows.flatMap((row) => [...row.cells.keys()]))].sort();
    const sectorOf = (s: string) => this.assets[s]?.sector ?? 'unclassified';
    const sectorNames = [...new Set(symbols.map(sectorOf))].sort();
    const N = symbols.length;
    const size = this.rows.length * N;
    const matrix = () => new Float64Array(size).fill(Number.NaN);
    const returns = matrix();
    const marketCap = matrix();
    const ratio = (key: 'bookPerShare' | 'salesPerShare' | 'cashFlowPerShare') =>
      symbols.some((s) => this.assets[s]?.[key] !== undefined) ? matrix() : undefined;
    const bookPrice = ratio('bookPerShare');
    const salesPrice = ratio('salesPerShare');
    const cashFlowPrice = ratio('cashFlowPerShare');
    this.rows.forEach((row, t) => {
      symbols.forEach((symbol, i) => {
        const cell = row.cells.get(symbol);
        if (!cell) return;
        const [ret, previous] = cell;
        const asset = this.assets[symbol];
        const k = t * N + i;
        returns[k] = ret;
        marketCap[k] = (asset?.shares ?? 1) * previous;
        if (bookPrice) bookPrice[k] = (asset?.bookPerShare ?? Number.NaN) / previous;
        if (salesPrice) salesPrice[k] = (asset?.salesPerShare ?? Number.NaN) / previous;
        if (cashFlowPrice) cashFlowPrice[k] = (asset?.cashFlowPerShare ?? Number.NaN) / previous;
      });
    });
    return {
      dates: this.rows.map((row) => String(row.endNs)),
      symbols,
      sectorNames,
      sectorOf: Int32Array.from(symbols, (s) => sectorNames.indexOf(sectorOf(s))),
      returns,
      marketCap,
      bookPrice,
      salesPrice,
      cashFlowPrice,
    };
  }
}
