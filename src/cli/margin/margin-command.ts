/**
 * `nautilus margin --positions positions.csv [--cash <balance>] [--method regt|stress] [--json]`:
 * equity, requirement, excess or deficit, the call and what cures it, per position and per symbol.
 * Money is exact (fixed-point decimals, never floats): equity is floored and requirements ceiled
 * to the cent (see src/signals/collateral/exact.ts), market values are shown exactly.
 */

import { centsUp, money } from '../../signals/collateral/exact.ts';
import { MARGIN_METHODS, type MarginMethod } from '../../signals/collateral/margin.ts';
import { presentReport } from '../../signals/collateral/present.ts';
import { marginReport, positionLine } from '../../signals/collateral/report.ts';
import { EQUITY_STRESS, groupStress } from '../../signals/collateral/stress.ts';
import { Fixed } from '../../trading/money/fixed.ts';
import { oneOf, toJson, usage } from '../analytics/shared.ts';
import { renderTable } from '../table.ts';
import { readPositions } from './positions-csv.ts';

export interface MarginFlags {
  positions: string;
  cash?: string;
  method?: string;
  json?: boolean;
}

const s = (value: Fixed | undefined) => (value === undefined ? null : value.toString());

function trigger(direction: 'below' | 'above', price: string | null): string {
  if (price === null) return 'never';
  if (direction === 'above' && Fixed.parse(price).isZero()) return 'any price';
  return `${direction} ${price}`;
}

export function marginCommand(
  flags: MarginFlags,
  io: { out: (text: string) => void; err: (text: string) => void },
): number {
  const method: MarginMethod =
    flags.method === undefined ? 'regt' : oneOf('--method', flags.method, MARGIN_METHODS, 'method');
  if (flags.cash !== undefined && !/^-?\d+(\.\d+)?$/.test(flags.cash.trim()))
    throw usage(
      `--cash: expected a decimal balance such as 25000 or -30000.50 (negative: a debit), got ${flags.cash}`,
    );
  const cash = flags.cash === undefined ? Fixed.zero(2) : Fixed.parse(flags.cash.trim());
  const rows = readPositions(flags.positions);
  const report = marginReport({ cash, positions: rows }, { method });
  const positions = rows.map((row) => {
    const line = positionLine(row);
    const requirement =
      method === 'regt' ? line.maintenance : groupStress(row.symbol, [row], EQUITY_STRESS).requirement;
    return {
      line: row.line,
      symbol: row.symbol,
      quantity: s(row.quantity),
      price: s(row.price),
      costBasis: s(row.costBasis),
      marketValue: money(line.marketValue),
      unrealizedPnl: line.unrealizedPnl === undefined ? null : money(line.unrealizedPnl),
      requirement: centsUp(requirement).toString(),
      initialRequirement: centsUp(line.initial).toString(),
    };
  });
  const summary = {
    positions: flags.positions,
    cashGiven: flags.cash !== undefined,
    ...presentReport(report),
  };
  if (flags.json) {
    io.out(`${toJson({ ...summary, positions: flags.positions, lines: positions })}\n`);
    return 0;
  }
  if (flags.cash === undefined)
    io.err('nautilus: note: no --cash given; cash taken as 0 (longs fully paid)\n');
  const rule =
    method === 'regt' ? 'Reg T initial, FINRA 4210(c) maintenance' : 'stress ±15% in 10 points per symbol';
  io.out(`margin (${rule}) of ${rows.length} positions in ${flags.positions}\n`);
  io.out(
    `${renderTable(
      ['SYMBOL', 'QTY', 'PRICE', 'COST', 'VALUE', 'UNREALIZED', 'REQUIREMENT'],
      positions.map((p) => [
        p.symbol,
        p.quantity!,
        p.price!,
        p.costBasis ?? '-',
        p.marketValue,
        p.unrealizedPnl ?? '-',
        p.requirement,
      ]),
    )}\n\n`,
  );
  io.out(
    `${renderTable(
      ['SYMBOL', 'NET QTY', 'REQUIREMENT', 'CALL IF PRICE', 'LIQUIDATE TO CURE'],
      summary.groups.map((g) => [
        g.symbol,
        g.netQuantity,
        g.requirement,
        trigger(g.callTriggersWhenPrice, g.triggerPrice),
        g.liquidationToCure
          ? `${g.liquidationToCure.quantity} (${g.liquidationToCure.value})`
          : 'cannot alone',
      ]),
    )}\n\n`,
  );
  const rowsOut: [string, string][] = [
    ['cash', summary.cash],
    ['long market value', summary.longMarketValue],
    ['short market value', summary.shortMarketValue],
    ['equity', summary.equity],
    ['requirement', summary.requirement],
    ['initial requirement', summary.initialRequirement],
    [report.inCall ? 'deficit' : 'excess', report.inCall ? summary.deficit : summary.excess],
    ['status', summary.status],
    ['call', summary.call],
    ['cash to cure', summary.cashToCure],
    ['liquidation to cure', summary.liquidationToCure ?? 'none cures (equity <= 0): cash only'],
  ];
  io.out(`${renderTable(['ACCOUNT', 'AMOUNT'], rowsOut)}\n`);
  return 0;
}
