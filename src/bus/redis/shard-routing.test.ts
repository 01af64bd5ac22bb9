import { describe, expect, it } from 'vitest';
import { topics } from '../../domain/topics.ts';
import { keySlot } from './crc16.ts';
import { shardOfTopic, shardsOfPattern, symbolOfTopic } from './shard-routing.ts';
import { shardPrefix, streamKey } from './stream-keys.ts';

const symbols = Array.from({ length: 3_000 }, (_, i) => `S${i.toString(36).toUpperCase()}`);

describe('market-data shard routing', () => {
  it('finds the symbol of every market-data-lane topic topics.ts builds, or none', () => {
    for (const topic of [
      topics.marketData.trade('AAPL'),
      topics.marketData.quote('AAPL'),
      topics.marketData.book('AAPL'),
      topics.marketData.bar('AAPL', '1m'),
      topics.marketData.status('AAPL'),
      topics.price.update('AAPL'),
      topics.volume.update('AAPL'),
      topics.trade.execution('AAPL'),
    ])
      expect(symbolOfTopic(topic), topic).toBe('AAPL');
    expect(symbolOfTopic('market_data.status')).toBeNull();
    expect(symbolOfTopic('market_data')).toBeNull();
  });

  it('is stable: a symbol has one shard whatever the topic, and the same in every process', () => {
    const shard = shardOfTopic(topics.marketData.trade('AAPL'), 8);
    expect(shardOfTopic(topics.marketData.quote('AAPL'), 8)).toBe(shard);
    expect(shardOfTopic(topics.marketData.bar('AAPL', '5m'), 8)).toBe(shard);
    expect(shardOfTopic(topics.price.update('AAPL'), 8)).toBe(shard);
    // FNV-1a pinned: a change here would move symbols to other shards under running consumers.
    expect(['AAPL', 'MSFT', 'TSLA', 'SPY'].map((s) => shardOfTopic(topics.marketData.trade(s), 8))).toEqual([
      3, 3, 7, 5,
    ]);
    expect(shardOfTopic('market_data.trade.AAPL', 1)).toBe(0);
    expect(shardOfTopic('market_data.status', 8)).toBe(0);
  });

  it('spreads symbols evenly (each of 8 shards within 15% of its share of 3,000 symbols)', () => {
    const counts = new Array(8).fill(0);
    for (const s of symbols) counts[shardOfTopic(topics.marketData.trade(s), 8)]++;
    for (const c of counts) expect(Math.abs(c - 375)).toBeLessThan(375 * 0.15);
  });

  it('reads one shard for a pattern that fixes the symbol, every shard otherwise', () => {
    const aapl = shardOfTopic(topics.marketData.trade('AAPL'), 4);
    expect(shardsOfPattern(topics.marketData.trade('AAPL'), 4)).toEqual([aapl]);
    expect(shardsOfPattern('market_data.bar.AAPL.*', 4)).toEqual([aapl]);
    expect(shardsOfPattern('market_data.status', 4)).toEqual([0]);
    for (const open of ['*', 'market_data.*', 'market_data.trade.*', 'price.*'])
      expect(shardsOfPattern(open, 4), open).toEqual([0, 1, 2, 3]);
  });

  it('tags each shard into its own equal share of the 16384 slots, all keys of a shard in one slot', () => {
    for (const count of [1, 3, 6, 16]) {
      const slots = Array.from({ length: count }, (_, k) => keySlot(shardPrefix('nautilus', k, count)));
      slots.forEach((slot, k) => {
        expect(slot).toBeGreaterThanOrEqual(Math.floor((k * 16_384) / count));
        expect(slot).toBeLessThan(Math.floor(((k + 1) * 16_384) / count));
      });
    }
    const prefix = shardPrefix('nautilus', 2, 3);
    expect(prefix).toMatch(/^\{nautilus:md:2of3:\d+\}$/);
    expect(keySlot(streamKey(prefix, 'market_data', 'NORMAL'))).toBe(keySlot(prefix));
    expect(keySlot(streamKey(prefix, 'price', 'FLASH_CRASH'))).toBe(keySlot(prefix));
  });
});
