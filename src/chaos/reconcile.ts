import { portfolioConfigSchema } from '../engines/portfolio/manifest.ts';
import type { PortfolioUpdatePayload } from '../engines/portfolio/portfolio-payloads.ts';
import { PortfolioTracker } from '../engines/portfolio/portfolio-tracker.ts';
import { storedFills } from '../store/order-history.ts';
import type { SqlExecutor } from '../store/sql-client.ts';
import { defaultInstrumentRegistry } from '../trading/instruments/defaults.ts';
import { Fixed } from '../trading/money/fixed.ts';
import { TERMINAL_STATUSES } from '../trading/orders/order-types.ts';

export interface Reconciliation {
  checks: number;
  mismatches: string[];
  fills: number;
  chaosOrders: number;
  chaosFilled: number;
  instruments: number;
}

const same = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && Fixed.parse(a).eq(Fixed.parse(b));

/**
 * Positions and balances against the fill ledger. The durable ledger is the `fills` table and the
 * fill events journaled by execution; the portfolio's live state (its last `portfolio.update`) and
 * the `positions` rows it wrote must equal a fresh replay of those fills, exactly (decimal), and
 * every order the campaign submitted must have ended (filled or rejected) and filled at most once.
 */
export async function reconcile(
  db: SqlExecutor,
  live: PortfolioUpdatePayload,
  chaosOrderIds: readonly string[],
): Promise<Reconciliation> {
  const mismatches: string[] = [];
  let checks = 0;
  const expect = (ok: boolean, what: string) => {
    checks++;
    if (!ok) mismatches.push(what);
  };
  const replay = new PortfolioTracker(
    portfolioConfigSchema.parse({ account: live.account }),
    defaultInstrumentRegistry(),
  );
  for (const fill of await storedFills(db)) replay.applyFill(fill);
  const { update: replayed } = replay.snapshot(live.tsNs, 'interval') as { update: PortfolioUpdatePayload };

  const [{ count }] = (await db.query<{ count: string }>('SELECT count(*)::text AS count FROM fills')) as [
    { count: string },
  ];
  expect(
    Number(count) === replay.fillsApplied,
    `fills table holds ${count} rows, the journaled fill events ${replay.fillsApplied}`,
  );
  expect(
    live.fills === replay.fillsApplied,
    `portfolio applied ${live.fills} fills, the ledger has ${replay.fillsApplied}`,
  );
  for (const field of ['realizedPnl', 'commissions'] as const) {
    const currencies = new Set([...Object.keys(live[field]), ...Object.keys(replayed[field])]);
    for (const currency of currencies)
      expect(
        same(live[field][currency] ?? '0', replayed[field][currency] ?? '0'),
        `${field} ${currency}: portfolio ${live[field][currency]}, ledger replay ${replayed[field][currency]}`,
      );
  }

  const net = await db.query<{ instrument_id: string; net: string }>(
    `SELECT instrument_id, sum(CASE side WHEN 'buy' THEN quantity ELSE -quantity END)::text AS net
       FROM fills GROUP BY instrument_id`,
  );
  const positions = new Map(
    (
      await db.query<{ instrument_id: string; quantity: string }>(
        'SELECT instrument_id, quantity::text AS quantity FROM positions WHERE account_id = $1',
        [live.account],
      )
    ).map((row) => [row.instrument_id, row.quantity]),
  );
  for (const { instrument_id: id, net: quantity } of net) {
    expect(
      same(quantity, replay.portfolio.book.netQuantity(id).toString()),
      `${id}: fills net ${quantity}, replay ${replay.portfolio.book.netQuantity(id)}`,
    );
    expect(
      same(quantity, positions.get(id) ?? '0'),
      `${id}: fills net ${quantity}, positions row ${positions.get(id)}`,
    );
  }

  const orders = new Map(
    (
      await db.query<{ order_id: string; status: string; filled: string }>(
        `SELECT o.order_id, o.status, coalesce(sum(f.quantity), 0)::text AS filled
         FROM orders o LEFT JOIN fills f ON f.order_id = o.order_id
        WHERE o.strategy_id = 'chaos' GROUP BY o.order_id, o.status`,
      )
    ).map((row) => [row.order_id, row]),
  );
  let chaosFilled = 0;
  for (const id of chaosOrderIds) {
    const order = orders.get(id);
    expect(order !== undefined, `order ${id} was submitted and acknowledged but never journaled`);
    if (!order) continue;
    expect(TERMINAL_STATUSES.has(order.status as never), `order ${id} is still ${order.status}`);
    const filled = Fixed.parse(order.filled);
    expect(filled.lte(Fixed.parse('1')), `order ${id} (quantity 1) filled ${order.filled}`);
    if (order.status === 'filled') {
      chaosFilled++;
      expect(filled.eq(Fixed.parse('1')), `order ${id} is filled with fills for ${order.filled}`);
    }
  }
  return {
    checks,
    mismatches,
    fills: replay.fillsApplied,
    chaosOrders: chaosOrderIds.length,
    chaosFilled,
    instruments: net.length,
  };
}
