import { describe, expect, it } from 'vitest';
import { TestClock } from '../core/test-clock.ts';
import { bootTag, EnvelopeFactory } from './envelope-factory.ts';

describe('EnvelopeFactory', () => {
  it('never repeats an id when an instance with the same instanceId starts again', () => {
    const publish = (factory: EnvelopeFactory) =>
      factory.create({ engine: 'risk', topic: 'order.approved.sim', payload: {} }).id;
    const before = new EnvelopeFactory('p3-replicas', new TestClock(0n), bootTag());
    const after = new EnvelopeFactory('p3-replicas', new TestClock(0n), bootTag());
    const first = [publish(before), publish(before)];
    expect(first[0]).not.toBe(first[1]);
    expect(first[0]).toMatch(/^p3-replicas-[0-9a-f]{6}-0$/);
    expect(publish(after)).not.toBe(first[0]);
  });

  it('without a boot tag (the memory bus) repeats the same ids, so backtests stay deterministic', () => {
    const ids = [1, 2].map(
      () =>
        new EnvelopeFactory('backtest', new TestClock(0n)).create({
          engine: 'a',
          topic: 'order.approved.sim',
          payload: {},
        }).id,
    );
    expect(ids).toEqual(['backtest-0', 'backtest-0']);
  });
});
