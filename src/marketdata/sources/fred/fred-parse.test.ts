import { describe, expect, it } from 'vitest';
import { NautilusError } from '../../../core/errors.ts';
import { gnpcaObservations } from './fred-fixtures.ts';
import { fredProblem, fredVintageDay, parseFredObservations, parseFredSeriesInfo } from './fred-parse.ts';

const iso = (text: string) => BigInt(Date.parse(text)) * 1_000_000n;

describe('fred parse', () => {
  it('the vintage day is the day before asOf in St. Louis, DST included', () => {
    expect(fredVintageDay(iso('2013-08-14T05:00:00Z'))).toBe('2013-08-13'); // CDT midnight
    expect(fredVintageDay(iso('2013-08-14T04:59:59.999Z'))).toBe('2013-08-12');
    expect(fredVintageDay(iso('2024-01-10T06:00:00Z'))).toBe('2024-01-09'); // CST midnight
    expect(fredVintageDay(iso('2024-01-10T05:59:59Z'))).toBe('2024-01-08');
  });

  it('a value that is neither a number nor "." is UPSTREAM_ERROR naming the field', () => {
    const body = gnpcaObservations('2013-08-14');
    body.observations[1]!.value = 'n/a';
    try {
      parseFredObservations(body, 'GNPCA');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(NautilusError);
      expect((error as NautilusError).message).toBe(
        'fred: series GNPCA observations: malformed response at "observations.1.value": not a number: "n/a"',
      );
    }
  });

  it('an empty seriess list is NOT_FOUND', () => {
    expect(() => parseFredSeriesInfo({ seriess: [] }, 'X')).toThrow('fred: series X: no such series');
  });

  it('other FRED errors keep their text', () => {
    expect(
      fredProblem({
        error_code: 400,
        error_message: 'Bad Request.  Variable observation_start is not a date.',
      }),
    ).toEqual({
      code: 'BAD_REQUEST',
      message: 'Bad Request. Variable observation_start is not a date.',
    });
    expect(fredProblem({ seriess: [] })).toBeUndefined();
  });
});
