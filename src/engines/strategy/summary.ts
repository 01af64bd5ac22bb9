import type { HostedStrategy } from './hosted-strategy.ts';

export interface StrategySummary {
  id: string;
  name: string;
  symbol?: string;
  /** Signed net position (decimal string) of its symbol. */
  position?: string;
  openOrders: number;
  sent: number;
  filled: number;
  rejected: number;
  errors: number;
}

export function strategySummary(hosted: HostedStrategy): StrategySummary {
  const { stats } = hosted.context;
  return {
    id: hosted.id,
    name: hosted.name,
    ...(hosted.symbol === undefined
      ? {}
      : { symbol: hosted.symbol, position: hosted.context.position(hosted.symbol).quantity.toString() }),
    openOrders: hosted.context.openOrders().length,
    sent: stats.sent,
    filled: stats.filled,
    rejected: stats.rejected,
    errors: hosted.errors,
  };
}

export function strategySummaries(hosted: readonly HostedStrategy[]): StrategySummary[] {
  return hosted.map(strategySummary);
}

/** "ema-cross AAPL 10: orders sent 2, filled 1, rejected 0" (plus errors when any). */
export function strategySummaryLine(hosted: HostedStrategy): string {
  const s = strategySummary(hosted);
  const where = s.symbol === undefined ? '' : ` ${s.symbol} ${s.position}`;
  const errors = s.errors > 0 ? `, errors ${s.errors}` : '';
  return `${s.id}${where}: orders sent ${s.sent}, filled ${s.filled}, rejected ${s.rejected}${errors}`;
}
