import { describe, expect, it } from 'vitest';
import { AccessPredictor } from './access-predictor.ts';

describe('AccessPredictor', () => {
  it('predicts X after Y once the pair has been seen minSupport times', () => {
    const predictor = new AccessPredictor({ minSupport: 3, minConfidence: 0.5 });
    for (let i = 0; i < 2; i++) {
      expect(predictor.record('risk', 'quote:AAPL')).toEqual([]);
      predictor.record('risk', 'bars:AAPL');
    }
    expect(predictor.record('risk', 'quote:AAPL')).toEqual([]);
    predictor.record('risk', 'bars:AAPL');
    expect(predictor.record('risk', 'quote:AAPL')).toEqual(['bars:AAPL']);
  });

  it('keeps one sequence per requester, so interleaved engines do not invent pairs', () => {
    const predictor = new AccessPredictor({ minSupport: 2 });
    for (let i = 0; i < 5; i++) {
      predictor.record('risk', 'A');
      predictor.record('strategy', 'B');
    }
    expect(predictor.predict('A')).toEqual([]);
    expect(predictor.predict('B')).toEqual([]);
  });

  it('needs the confidence share, and ranks the stronger successor first', () => {
    const predictor = new AccessPredictor({ minSupport: 2, minConfidence: 0.3, maxPredictions: 2 });
    const follow = (next: string, times: number) => {
      for (let i = 0; i < times; i++) {
        predictor.record('r', 'Y');
        predictor.record('r', next);
      }
    };
    follow('X', 6);
    follow('Z', 3);
    follow('W', 1);
    expect(predictor.predict('Y')).toEqual(['X', 'Z']);
    const strict = new AccessPredictor({ minSupport: 2, minConfidence: 0.9 });
    for (const next of ['X', 'Z', 'X', 'Z']) {
      strict.record('r', 'Y');
      strict.record('r', next);
    }
    expect(strict.predict('Y')).toEqual([]);
  });

  it('bounds the keys it remembers', () => {
    const predictor = new AccessPredictor({ maxKeys: 10, minSupport: 1 });
    for (let i = 0; i < 100; i++) predictor.record('r', `k${i}`);
    expect(predictor.size).toBe(10);
    expect(predictor.predict('k98')).toEqual(['k99']);
    expect(predictor.predict('k0')).toEqual([]);
  });

  it('refuses settings that could never predict', () => {
    expect(() => new AccessPredictor({ minConfidence: 0 })).toThrow(/minConfidence/);
    expect(() => new AccessPredictor({ minSupport: 0 })).toThrow(/minSupport/);
  });
});
