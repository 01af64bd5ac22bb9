import { partitionOfSymbol } from '../../domain/symbol-partition.ts';

/**
 * The symbol of a market-data-lane topic: its third segment, as topics.ts builds every one of
 * them (`market_data.trade.AAPL`, `market_data.bar.AAPL.1m`, `price.update.AAPL`,
 * `trade.execution.AAPL`). Null when there is none (`market_data.status`).
 */
export function symbolOfTopic(topic: string): string | null {
  const first = topic.indexOf('.');
  const second = first < 0 ? -1 : topic.indexOf('.', first + 1);
  if (second < 0) return null;
  const end = topic.indexOf('.', second + 1);
  const symbol = topic.slice(second + 1, end < 0 ? undefined : end);
  return symbol === '' || symbol === '*' ? null : symbol;
}

/**
 * The shard of a market-data message: FNV-1a of the symbol mod `shards` (the symbol partition
 * the engines use too), so one symbol's messages share one shard and stay in order; no symbol:
 * shard 0.
 */
export function shardOfTopic(topic: string, shards: number): number {
  const symbol = symbolOfTopic(topic);
  return symbol === null ? 0 : partitionOfSymbol(symbol, shards);
}

/**
 * The shards a subscription pattern reaches: one when the pattern fixes the symbol (an exact
 * topic, or `market_data.bar.AAPL.*`), every shard when the symbol is open (`market_data.*`).
 */
export function shardsOfPattern(pattern: string, shards: number): number[] {
  const every = () => Array.from({ length: shards }, (_, i) => i);
  if (!pattern.endsWith('*')) return [shardOfTopic(pattern, shards)];
  // `a.b.SYM.*`: the `.*` cannot change the third segment; `a.b.*` or `a.*` leave it open.
  const fixed = pattern.slice(0, -1);
  const symbol = symbolOfTopic(fixed);
  return symbol === null || fixed.split('.').length < 4 ? every() : [partitionOfSymbol(symbol, shards)];
}
