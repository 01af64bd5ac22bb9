import { describe, expect, it } from 'vitest';
import { defaultInstrumentRegistry } from '../../trading/instruments/defaults.ts';
import { executionConfigSchema } from './manifest.ts';
import { marketDataOf } from './market-data.ts';
import { sessionEndNs, venueConfigOf } from './venue-config-of.ts';

describe('execution config', () => {
  it('fills defaults and refuses unknown keys and bad values', () => {
    expect(executionConfigSchema.parse({})).toEqual({
      venue: 'sim',
      fill: { tradeLimitRule: 'strict', barLimitRule: 'touch', kinds: ['trade', 'quote', 'bar', 'book'] },
      slippageTicks: 0,
      latencyMs: 0,
      sessionEnd: '00:00',
      oms: 'NETTING',
    });
    expect(executionConfigSchema.safeParse({ latency: 5 }).success).toBe(false);
    expect(executionConfigSchema.safeParse({ fill: { tradeLimitRule: 'loose' } }).success).toBe(false);
    expect(executionConfigSchema.safeParse({ sessionEnd: '24:00' }).success).toBe(false);
    expect(executionConfigSchema.safeParse({ venue: 'a.b' }).success).toBe(false);
  });

  it('maps to the simulated venue config', () => {
    const instruments = defaultInstrumentRegistry();
    const config = executionConfigSchema.parse({
      venue: 'paper',
      fill: { tradeLimitRule: 'touch' },
      slippageTicks: 1,
      latencyMs: 2.5,
      sessionEnd: '21:00:30',
      oms: 'HEDGING',
    });
    expect(venueConfigOf(config, instruments)).toEqual({
      instruments,
      venueName: 'PAPER',
      fill: { tradeLimitRule: 'touch', barLimitRule: 'touch', kinds: ['trade', 'quote', 'bar', 'book'] },
      slippageTicks: 1,
      latencyNs: 2_500_000n,
      oms: 'HEDGING',
      sessionEndUtcNs: 75_630_000_000_000n,
    });
    expect(sessionEndNs('00:00')).toBe(0n);
  });
});

describe('marketDataOf', () => {
  it('converts wire times to bigint and ignores kinds the venue does not match', () => {
    expect(
      marketDataOf({ kind: 'trade', symbol: 'AAPL', price: 1.5, size: 2, aggressor: 'buy', tsNs: '7' }),
    ).toEqual({ kind: 'trade', symbol: 'AAPL', price: 1.5, size: 2, aggressor: 'buy', tsNs: 7n });
    expect(marketDataOf({ kind: 'book', symbol: 'AAPL', bids: [[1, 2]], asks: [[3, 4]], tsNs: 9 })).toEqual({
      kind: 'book',
      symbol: 'AAPL',
      bids: [[1, 2]],
      asks: [[3, 4]],
      tsNs: 9n,
    });
    expect(
      marketDataOf({ kind: 'status', symbol: 'AAPL', feed: 'x', state: 'stale', lastEventNs: 1n, tsNs: 2n }),
    ).toBeUndefined();
  });

  it('throws on malformed payloads', () => {
    expect(() => marketDataOf({ kind: 'quote', symbol: 'AAPL', bid: 'x', tsNs: 1n })).toThrow(
      'market data: bid must be a finite number, got x',
    );
    expect(() => marketDataOf({ kind: 'trade', symbol: 'AAPL', price: 1, size: 1, tsNs: 1.5 })).toThrow(
      /not an integer-nanosecond timestamp/,
    );
    expect(() => marketDataOf({ kind: 'trade' })).toThrow('market data: missing symbol');
  });
});
