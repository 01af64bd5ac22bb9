import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseParams, Strategy } from './strategy.ts';
import { RecordingContext } from './testing/recording-context.ts';

const schema = z.object({ window: z.int().min(2).default(20), name: z.string() });

class Noop extends Strategy<z.output<typeof schema>> {
  constructor(id: string, params: unknown) {
    super(id, schema, params);
  }
  now() {
    return this.ctx.clock.nowNs();
  }
}

describe('Strategy', () => {
  it('parses params with the declared schema, applying defaults', () => {
    const s = new Noop('N1', { name: 'x' });
    expect(s.params).toEqual({ window: 20, name: 'x' });
    expect(s.id).toBe('N1');
  });

  it('names every bad param in one error', () => {
    expect(() => parseParams('N1', schema, { window: 1.5 })).toThrow(
      'strategy N1: invalid params: window: Invalid input: expected int, received number; name: Invalid input: expected string, received undefined',
    );
    expect(() => new Noop('N1', undefined)).toThrow(
      'name: Invalid input: expected string, received undefined',
    );
  });

  it('has no-op handlers and needs a context of its own id', () => {
    const s = new Noop('N1', { name: 'x' });
    expect(() => s.now()).toThrow('strategy N1 is not attached to a context');
    expect(() => s.attach(new RecordingContext({ strategyId: 'N2' }))).toThrow(
      'context for N2 attached to strategy N1',
    );
    const ctx = new RecordingContext({ strategyId: 'N1', startNs: 9n });
    s.attach(ctx);
    expect(s.isAttached).toBe(true);
    expect(s.now()).toBe(9n);
    expect(() => s.attach(new RecordingContext({ strategyId: 'N1' }))).toThrow(
      'strategy N1 is already attached',
    );
    s.onStart();
    s.onSignal({ topic: 'vpin.calculation.AAPL', payload: {} });
    s.onTimer('t');
    s.onStop();
    expect(ctx.submitted).toEqual([]);
  });
});
