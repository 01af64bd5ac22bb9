import { describe, expect, it } from 'vitest';
import { TestClock } from '../../core/test-clock.ts';
import { BusStrategyClock } from './bus-strategy-clock.ts';
import { EventTime } from './event-time.ts';

describe('bus strategy clock', () => {
  it('runs timers on the engine clock under the strategy prefix, from event time', () => {
    const clock = new TestClock(100n);
    const time = new EventTime(clock);
    const fired: Array<[string, bigint]> = [];
    const a = new BusStrategyClock('a', clock, time, (name, at) => fired.push([`a:${name}`, at]));
    const b = new BusStrategyClock('b', clock, time, (name, at) => fired.push([`b:${name}`, at]));
    time.run(1_000n, () => a.setTimer('tick', 10n, { stopNs: 1_030n }));
    b.setTimeAlert('tick', 1_015n);
    expect(a.timerNames()).toEqual(['tick']);
    expect(clock.timerNames().sort()).toEqual(['strategy:a:tick', 'strategy:b:tick']);
    expect(a.nowNs()).toBe(1_000n);
    clock.advanceTo(1_040n);
    expect(fired).toEqual([
      ['a:tick', 1_010n],
      ['b:tick', 1_015n],
      ['a:tick', 1_020n],
      ['a:tick', 1_030n],
    ]);
    a.setTimer('again', 5n);
    a.cancelAll();
    expect(a.timerNames()).toEqual([]);
  });

  it('event time never goes backwards and starts at the clock', () => {
    const time = new EventTime(new TestClock(42n));
    expect(time.nowNs()).toBe(42n);
    expect(time.run(50n, () => time.nowNs())).toBe(50n);
    expect(time.run(45n, () => time.nowNs())).toBe(50n);
  });
});
