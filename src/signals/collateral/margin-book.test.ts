import { describe, expect, it } from 'vitest';
import { type Fixed, fx } from '../../trading/money/fixed.ts';
import { type MarginMethod, marginTotals } from './margin.ts';
import { MarginBook } from './margin-book.ts';

/** Deterministic LCG in [0, 1). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const cents = (x: number) => fx((Math.round(x * 100) / 100).toFixed(2));

describe('MarginBook (incremental) equals marginTotals (batch)', () => {
  for (const method of ['regt', 'stress'] as MarginMethod[])
    it(`after random fills and ticks (${method})`, () => {
      const random = prng(7);
      const book = new MarginBook({ method });
      const symbols = ['A', 'B', 'C', 'D', 'E'];
      const accounts = ['a1', 'a2', 'a3'];
      for (const name of accounts) book.setCash(name, cents(random() * 20000 - 10000));
      for (let step = 0; step < 400; step++) {
        const symbol = symbols[Math.floor(random() * symbols.length)]!;
        if (random() < 0.3) {
          const quantity = fx(String(Math.floor(random() * 400) - 200));
          book.setPosition(accounts[step % 3]!, symbol, quantity, cents(1 + random() * 100));
        } else book.mark(symbol, cents(0.5 + random() * 100));
      }
      for (const name of accounts) {
        const incremental = book.totals(name)!;
        const batch = marginTotals(book.account(name)!, { method });
        const pick = (t: typeof batch) =>
          [t.cash, t.longValue, t.shortValue, t.equity, t.requirement, t.initial].map((v: Fixed) =>
            v.toNumber(),
          );
        const same = [incremental, batch].map(pick);
        expect(same[0]).toEqual(same[1]);
        expect(incremental.requirement.eq(batch.requirement)).toBe(true);
      }
    });

  it('marks reach only the accounts holding the symbol; a flat position leaves', () => {
    const book = new MarginBook({ method: 'regt' });
    book.setPosition('x', 'A', fx('10'), fx('5'));
    book.setPosition('y', 'B', fx('10'), fx('5'));
    expect(book.mark('A', fx('6'))).toEqual(['x']);
    // 10 × 6 = 60, 25% = 15
    expect(book.totals('x')!.requirement.eq(fx('15'))).toBe(true);
    book.setPosition('x', 'A', fx('0'), fx('6'));
    expect(book.mark('A', fx('7'))).toEqual([]);
    expect(book.totals('x')!.requirement.isZero()).toBe(true);
    // a position opened after a mark is valued at the mark, not the fallback
    book.setPosition('z', 'A', fx('-10'), fx('1'));
    expect(book.totals('z')!.shortValue.eq(fx('70'))).toBe(true);
  });
});
