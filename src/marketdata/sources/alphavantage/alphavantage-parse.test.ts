import { describe, expect, it } from 'vitest';
import { NautilusError } from '../../../core/errors.ts';
import { DAILY_IBM, GLOBAL_QUOTE_IBM } from './alphavantage-fixtures.ts';
import { alphaVantageProblem, parseAlphaVantageBars, parseAlphaVantageQuote } from './alphavantage-parse.ts';

function thrown(fn: () => unknown): NautilusError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(NautilusError);
    return error as NautilusError;
  }
  throw new Error('expected a throw');
}

describe('alphavantage parse', () => {
  it('a non-numeric price is UPSTREAM_ERROR naming the field', () => {
    const body = { 'Global Quote': { ...GLOBAL_QUOTE_IBM['Global Quote'], '05. price': 'n/a' } };
    const error = thrown(() => parseAlphaVantageQuote(body, 'IBM'));
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.message).toContain('alphavantage: quote IBM');
    expect(error.message).toContain('05. price');
  });

  it('a missing time series is UPSTREAM_ERROR naming it', () => {
    const error = thrown(() =>
      parseAlphaVantageBars({ 'Meta Data': DAILY_IBM['Meta Data'] }, 'IBM', 'daily'),
    );
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.message).toContain('Time Series (Daily)');
  });

  it('a bad trading day is UPSTREAM_ERROR', () => {
    const body = {
      ...DAILY_IBM,
      'Time Series (Daily)': { '2024-02-30': DAILY_IBM['Time Series (Daily)']['2024-01-05'] },
    };
    expect(thrown(() => parseAlphaVantageBars(body, 'IBM', 'daily')).message).toContain('2024-02-30');
  });

  it('data bodies are not problems; an unrecognised Information reply is UPSTREAM_ERROR', () => {
    expect(alphaVantageProblem(DAILY_IBM)).toBeUndefined();
    expect(alphaVantageProblem({ Information: 'This is a premium endpoint.' })).toEqual({
      code: 'UPSTREAM_ERROR',
      message: 'This is a premium endpoint.',
    });
  });
});
