import { describe, expect, it } from 'vitest';
import { defaultInstrumentRegistry } from '../instruments/defaults.ts';
import { PositionBook } from './position-book.ts';
import { fill } from './test-fill.ts';

const r = defaultInstrumentRegistry();
const es = r.get('ES');
const aapl = r.get('AAPL');

describe('PositionBook NETTING', () => {
  it('keeps one position per instrument and flips into close + open', () => {
    const book = new PositionBook('NETTING');
    const opened = book.applyFill(es, fill('buy', '1', '4500.00', '1.00'));
    expect(opened.events.map((e) => [e.type, e.position.id])).toEqual([['opened', 'P-ES.SIM']]);
    book.applyFill(aapl, fill('buy', '10', '190.00'));
    const flip = book.applyFill(es, fill('sell', '3', '4510.00', '3.00'));
    expect(flip.events.map((e) => e.type)).toEqual(['closed', 'opened']);
    expect(flip.realizedPnl.toString()).toBe('500.00 USD');
    const [closed, reopened] = flip.events.map((e) => e.position);
    expect(closed?.realizedPnl.toString()).toBe('500.00 USD');
    expect(closed?.commissions.get('USD')?.toString()).toBe('2.00 USD');
    expect(reopened?.side).toBe('SHORT');
    expect(reopened?.signedQty.toString()).toBe('-2');
    expect(reopened?.avgOpenPxAt(2).toString()).toBe('4510.00');
    expect(reopened?.commissions.get('USD')?.toString()).toBe('2.00 USD');
    expect(reopened?.realizedPnl.toString()).toBe('0.00 USD');
    expect(book.get('P-ES.SIM')).toBe(reopened);
    expect(book.closedPositions()).toEqual([closed]);
    expect(book.netQuantity('ES.SIM').toString()).toBe('-2');
    expect(book.openPositions().length).toBe(2);
  });

  it('reports changed and closed without a flip', () => {
    const book = new PositionBook('NETTING');
    book.applyFill(es, fill('sell', '2', '4500.00'));
    expect(book.applyFill(es, fill('buy', '1', '4499.00')).events.map((e) => e.type)).toEqual(['changed']);
    const last = book.applyFill(es, fill('buy', '1', '4501.00'));
    expect(last.events.map((e) => e.type)).toEqual(['closed']);
    expect(last.realizedPnl.toString()).toBe('-50.00 USD');
    expect(book.get('P-ES.SIM')).toBeUndefined();
    expect(book.closedPositions()[0]?.realizedPnl.toString()).toBe('0.00 USD');
    expect(() => book.applyFill(es, { ...fill('buy', '1', '1.00'), positionId: 'X' })).toThrow(
      'NETTING book: position id must be P-ES.SIM, got X',
    );
  });
});

describe('PositionBook HEDGING', () => {
  it('opens a position per opening order and closes by position id', () => {
    const book = new PositionBook('HEDGING');
    book.applyFill(es, fill('buy', '1', '4500.00', '0', 'USD', 'O-1'));
    book.applyFill(es, fill('sell', '2', '4505.00', '0', 'USD', 'O-2'));
    expect(book.openPositions('ES.SIM').map((p) => [p.id, p.side])).toEqual([
      ['P-O-1', 'LONG'],
      ['P-O-2', 'SHORT'],
    ]);
    expect(book.netQuantity('ES.SIM').toString()).toBe('-1');
    const close = book.applyFill(es, {
      ...fill('sell', '1', '4502.00', '0', 'USD', 'O-3'),
      positionId: 'P-O-1',
    });
    expect(close.events.map((e) => e.type)).toEqual(['closed']);
    expect(close.realizedPnl.toString()).toBe('100.00 USD');
    expect(() =>
      book.applyFill(es, { ...fill('buy', '3', '4500.00', '0', 'USD', 'O-4'), positionId: 'P-O-2' }),
    ).toThrow('exceeds 2 (HEDGING)');
    expect(() =>
      book.applyFill(aapl, { ...fill('buy', '1', '190.00', '0', 'USD', 'O-5'), positionId: 'P-O-2' }),
    ).toThrow('position P-O-2 is for ES.SIM, not AAPL.SIM');
  });
});
