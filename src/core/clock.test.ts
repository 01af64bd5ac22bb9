import { describe, expect, it } from 'vitest';
import { LiveClock } from './live-clock.ts';
import { TestClock } from './test-clock.ts';

describe('TestClock', () => {
  it('fires timers and alerts in time order, each at its scheduled time', () => {
    const clock = new TestClock(1_000n);
    const fired: string[] = [];
    clock.setTimer('every-100', 100n, (e) => fired.push(`${e.name}@${e.scheduledNs}/${clock.nowNs()}`), {
      stopNs: 1_300n,
    });
    clock.setTimeAlert('alert', 1_150n, (e) => fired.push(`${e.name}@${e.scheduledNs}`));
    const events = clock.advanceTo(1_400n);
    expect(fired).toEqual([
      'every-100@1100/1100',
      'alert@1150',
      'every-100@1200/1200',
      'every-100@1300/1300',
    ]);
    expect(events).toHaveLength(4);
    expect(clock.nowNs()).toBe(1_400n);
    expect(clock.timerNames()).toEqual([]);
  });

  it('refuses to go back, duplicate names and non-positive intervals', () => {
    const clock = new TestClock(10n);
    expect(() => clock.advanceTo(5n)).toThrow(/cannot go back/);
    clock.setTimer('t', 1n, () => {});
    expect(() => clock.setTimer('t', 1n, () => {})).toThrow(/already exists/);
    expect(() => clock.setTimer('u', 0n, () => {})).toThrow(/must be > 0/);
    expect(clock.cancel('t')).toBe(true);
    expect(clock.nextEventNs()).toBeUndefined();
  });
});

describe('LiveClock', () => {
  it('reads integer nanoseconds near Date.now(), monotonic', () => {
    const clock = new LiveClock();
    const a = clock.nowNs();
    const b = clock.nowNs();
    expect(typeof a).toBe('bigint');
    expect(b).toBeGreaterThanOrEqual(a);
    expect(Number(a / 1_000_000n) - Date.now()).toBeLessThan(50);
  });

  it('fires a time alert through the clock', async () => {
    const clock = new LiveClock();
    const at = clock.nowNs() + 20_000_000n;
    const fired = await new Promise<bigint>((resolve) =>
      clock.setTimeAlert('soon', at, (e) => resolve(e.scheduledNs)),
    );
    expect(fired).toBe(at);
    expect(clock.nowNs()).toBeGreaterThanOrEqual(at);
  });
});
