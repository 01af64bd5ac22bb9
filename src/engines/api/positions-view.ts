import type { Nanos } from '../../domain/time.ts';
import type { PositionRow } from '../../store/rows.ts';
import type { InstrumentRegistry } from '../../trading/instruments/registry.ts';

export interface PositionView {
  symbol: string;
  instrumentId: string;
  /** Net signed quantity. */
  quantity: string;
  side: string;
  avgPrice: string;
  realizedPnl: string;
  /** At the latest market price, in the quote currency; null before the first price. */
  unrealizedPnl: string | null;
  currency: string;
}

type StoredPosition = Omit<PositionView, 'unrealizedPnl'> & { updatedNs: Nanos };

/** Fields of `position.change.*` the view reads (see portfolio-payloads.ts). */
interface PositionChange {
  symbol: string;
  instrumentId?: string;
  quantity: string;
  side?: string;
  avgPrice?: string;
  totalRealizedPnl?: string;
  currency?: string;
  tsNs?: Nanos;
}

function sideOf(quantity: string): string {
  return quantity.startsWith('-') ? 'SHORT' : /^0(\.0*)?$/.test(quantity) ? 'FLAT' : 'LONG';
}

/**
 * Net positions per instrument from `position.change.*`, seeded from the store's `positions` rows
 * at start (a row never overwrites a newer bus update); the latest `portfolio.update` beside them.
 */
export class PositionsView {
  private readonly positions = new Map<string, StoredPosition>();
  portfolio: Record<string, unknown> | null = null;

  constructor(private readonly instruments: InstrumentRegistry) {}

  seed(rows: readonly PositionRow[]): void {
    for (const row of rows) {
      const known = this.positions.get(row.instrumentId);
      const updatedNs = BigInt(row.updatedNs);
      if (known && known.updatedNs >= updatedNs) continue;
      const quantity = String(row.quantity);
      this.positions.set(row.instrumentId, {
        symbol: this.instruments.find(row.instrumentId)?.symbol ?? row.instrumentId.split('.')[0]!,
        instrumentId: row.instrumentId,
        quantity,
        side: sideOf(quantity),
        avgPrice: String(row.avgPrice),
        realizedPnl: String(row.realizedPnl),
        currency: row.currency,
        updatedNs,
      });
    }
  }

  applyChange(change: PositionChange, tsNs: Nanos): void {
    const instrumentId = change.instrumentId ?? this.instruments.find(change.symbol)?.id ?? change.symbol;
    this.positions.set(instrumentId, {
      symbol: change.symbol,
      instrumentId,
      quantity: change.quantity,
      side: change.side ?? sideOf(change.quantity),
      avgPrice: change.avgPrice ?? '0',
      realizedPnl: change.totalRealizedPnl ?? '0',
      currency: change.currency ?? this.instruments.find(instrumentId)?.quoteCurrency ?? '',
      updatedNs: change.tsNs ?? tsNs,
    });
  }

  /** Positions in instrument order; `markOf` gives the latest price of a symbol. */
  list(markOf: (symbol: string) => number | undefined): PositionView[] {
    return [...this.positions.values()]
      .sort((a, b) => a.instrumentId.localeCompare(b.instrumentId))
      .map(({ updatedNs: _updatedNs, ...position }) => ({
        ...position,
        unrealizedPnl: this.unrealized(position, markOf(position.symbol)),
      }));
  }

  private unrealized(position: Omit<StoredPosition, 'updatedNs'>, mark: number | undefined): string | null {
    if (mark === undefined) return null;
    const multiplier = this.instruments.find(position.instrumentId)?.multiplier.toNumber() ?? 1;
    const pnl = (mark - Number(position.avgPrice)) * Number(position.quantity) * multiplier;
    return pnl.toFixed(2);
  }
}
