import { describe, expect, it } from 'vitest';
import { defaultInstrumentRegistry } from '../instruments/defaults.ts';
import { standingBookOf } from './standing-book.ts';

const eurusd = defaultInstrumentRegistry().get('EURUSD');
const quote = (bidSize: number, askSize: number) => ({
  kind: 'quote' as const,
  symbol: 'EURUSD',
  bid: 1.1,
  ask: 1.10002,
  bidSize,
  askSize,
  tsNs: 1n,
});

describe('standingBookOf', () => {
  it('reads a quote with no sizes at all (bid/ask-only files) as an unlimited touch', () => {
    const book = standingBookOf(eurusd, quote(0, 0));
    expect(book.touch('buy')).toMatchObject({ remaining: null });
    expect(book.touch('buy')!.price.toString()).toBe('1.10002');
    expect(book.touch('sell')).toMatchObject({ remaining: null });
  });

  it('keeps displayed sizes, and an empty side empty, when the quote has sizes', () => {
    const book = standingBookOf(eurusd, quote(0, 250_000));
    expect(book.touch('sell')).toBeUndefined();
    expect(book.touch('buy')!.remaining!.toString()).toBe('250000');
  });
});
