import type { Logger } from '../../core/logger.ts';
import type { Nanos } from '../../domain/time.ts';
import { MarketDataWriter } from '../../store/market-data-writer.ts';
import { storedFills } from '../../store/order-history.ts';
import { OrderUpdateWriter } from '../../store/order-update-writer.ts';
import type { Store } from '../../store/store.ts';
import type { PortfolioUpdatePayload, PositionChangePayload } from './portfolio-payloads.ts';
import type { PortfolioTracker } from './portfolio-tracker.ts';

export interface RestoreCounts {
  fills: number;
  refused: number;
  curvePoints: number;
}

/**
 * The portfolio's memory. At start the account is rebuilt exactly by replaying every stored fill
 * (the execution engine journals each fill event's whole bus payload) in the order it was stored,
 * and the equity curve is reloaded from the account snapshots. While running, each position
 * change is upserted into `positions` (acked only once written) and each valuation appended to
 * `account_snapshots` in batches.
 */
export class PortfolioPersistence {
  private readonly positions: OrderUpdateWriter;
  private readonly snapshots: MarketDataWriter;

  constructor(
    private readonly store: Store,
    private readonly tracker: PortfolioTracker,
    logger: Logger,
  ) {
    this.positions = new OrderUpdateWriter(store, {
      onGiveUp: (_update, error) => logger.error({ err: error }, 'position row given up after retries'),
    });
    this.snapshots = new MarketDataWriter(store, {
      onGiveUp: (_table, rows, error) =>
        logger.error({ err: error, rows }, 'account snapshots given up after retries'),
    });
  }

  async restore(account: string): Promise<RestoreCounts> {
    const counts: RestoreCounts = { fills: 0, refused: 0, curvePoints: 0 };
    for (const fill of await storedFills(this.store)) {
      const outcome = this.tracker.applyFill(fill);
      if (outcome.kind === 'applied') counts.fills++;
      if (outcome.kind === 'refused') counts.refused++;
    }
    const points = await this.store.read('account_snapshots', {
      where: { accountId: account },
      orderBy: 'tsNs',
    });
    for (const point of points)
      this.tracker.portfolio.curve.push({ tsNs: point.tsNs, equity: Number(point.equity) });
    counts.curvePoints = points.length;
    return counts;
  }

  recordPosition(change: PositionChangePayload, tsNs: Nanos): Promise<void> {
    return this.positions.write({
      positions: [
        {
          accountId: change.account,
          instrumentId: change.instrumentId,
          quantity: change.quantity,
          avgPrice: change.avgPrice,
          realizedPnl: change.totalRealizedPnl,
          currency: change.currency,
          updatedNs: tsNs,
        },
      ],
    });
  }

  recordValuation(update: PortfolioUpdatePayload): void {
    let unrealizedBase = 0;
    for (const [currency, amount] of Object.entries(update.unrealizedPnl))
      unrealizedBase += Number(amount) * this.tracker.fx.rate(currency);
    this.snapshots.write('account_snapshots', {
      tsNs: update.tsNs,
      accountId: update.account,
      currency: update.baseCurrency,
      balance: String(update.equity - unrealizedBase),
      equity: String(update.equity),
      marginUsed: '0',
      data: { reason: update.reason, fills: update.fills, openPositions: update.openPositions },
    });
  }

  counters() {
    return { positions: this.positions.counters(), snapshots: this.snapshots.counters() };
  }

  async close(): Promise<void> {
    await Promise.all([this.positions.close(), this.snapshots.close()]);
  }
}
