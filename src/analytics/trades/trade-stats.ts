/** Statistics of closed round-trip trades. */
import { assertFinite } from '../shared/validate.ts';

export interface RoundTrip {
  /** Entry time, integer nanoseconds since the UNIX epoch. */
  entryNs: bigint;
  /** Exit time, integer nanoseconds since the UNIX epoch (>= entryNs). */
  exitNs: bigint;
  /** Realised profit and loss in account currency. */
  pnl: number;
  /** Optional return of the trade as a fraction. */
  returnPct?: number;
}

export interface TradeStats {
  count: number;
  wins: number;
  losses: number;
  /** Trades with pnl exactly 0 are neither wins nor losses. */
  breakeven: number;
  /** wins / count; NaN for no trades. */
  winRate: number;
  grossProfit: number;
  /** Sum of losing pnl, as a negative number (or 0). */
  grossLoss: number;
  /** grossProfit / |grossLoss|; Infinity when there are wins and no losses; NaN with neither. */
  profitFactor: number;
  /** Mean pnl per trade; NaN for no trades. */
  expectancy: number;
  /** Mean pnl of winning trades; NaN when there are none. */
  averageWin: number;
  /** Mean pnl of losing trades (negative); NaN when there are none. */
  averageLoss: number;
  /** Largest single pnl among wins; NaN when there are none. */
  largestWin: number;
  /** Most negative single pnl among losses; NaN when there are none. */
  largestLoss: number;
  /** Mean of (exitNs - entryNs) in seconds; NaN for no trades. */
  averageHoldingSeconds: number;
  /** Longest run of consecutive wins, in the order given (a breakeven trade ends a run). */
  maxConsecutiveWins: number;
  /** Longest run of consecutive losses, in the order given (a breakeven trade ends a run). */
  maxConsecutiveLosses: number;
}

/** Summary statistics for round trips given in chronological (exit) order. An empty list is valid. */
export function tradeStats(trades: readonly RoundTrip[]): TradeStats {
  let wins = 0;
  let losses = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let largestWin = Number.NaN;
  let largestLoss = Number.NaN;
  let holdingNs = 0n;
  let runWin = 0;
  let runLoss = 0;
  let maxWin = 0;
  let maxLoss = 0;
  trades.forEach((t, i) => {
    assertFinite(`trades[${i}].pnl`, t.pnl);
    if (t.exitNs < t.entryNs) throw new RangeError(`trades[${i}].exitNs must not be before entryNs`);
    holdingNs += t.exitNs - t.entryNs;
    if (t.pnl > 0) {
      wins++;
      grossProfit += t.pnl;
      if (!(t.pnl <= largestWin)) largestWin = t.pnl;
      runWin++;
      runLoss = 0;
    } else if (t.pnl < 0) {
      losses++;
      grossLoss += t.pnl;
      if (!(t.pnl >= largestLoss)) largestLoss = t.pnl;
      runLoss++;
      runWin = 0;
    } else {
      runWin = 0;
      runLoss = 0;
    }
    maxWin = Math.max(maxWin, runWin);
    maxLoss = Math.max(maxLoss, runLoss);
  });
  const count = trades.length;
  const nan = Number.NaN;
  return {
    count,
    wins,
    losses,
    breakeven: count - wins - losses,
    winRate: count === 0 ? nan : wins / count,
    grossProfit,
    grossLoss,
    profitFactor: losses > 0 ? grossProfit / -grossLoss : wins > 0 ? Number.POSITIVE_INFINITY : nan,
    expectancy: count === 0 ? nan : (grossProfit + grossLoss) / count,
    averageWin: wins === 0 ? nan : grossProfit / wins,
    averageLoss: losses === 0 ? nan : grossLoss / losses,
    largestWin,
    largestLoss,
    // Holding times are summed exactly in bigint nanoseconds and converted once.
    averageHoldingSeconds: count === 0 ? nan : Number(holdingNs) / count / 1e9,
    maxConsecutiveWins: maxWin,
    maxConsecutiveLosses: maxLoss,
  };
}
