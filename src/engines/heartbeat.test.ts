import { describe, expect, it } from 'vitest';
import { TestClock } from '../core/test-clock.ts';
import { msToNs } from '../domain/time.ts';
import { Heartbeat } from './heartbeat.ts';

describe('Heartbeat', () => {
  it('beats at start and then every interval on the clock, until stopped', () => {
    const clock = new TestClock(0n);
    const beats: bigint[] = [];
    const heartbeat = new Heartbeat('risk', clock, 1000, (now) => beats.push(now));
    heartbeat.start();
    clock.advanceTo(msToNs(3500));
    expect(beats).toEqual([0n, msToNs(1000), msToNs(2000), msToNs(3000)]);
    expect(heartbeat.lastNs).toBe(msToNs(3000));
    heartbeat.stop();
    clock.advanceTo(msToNs(10_000));
    expect(beats).toHaveLength(4);
    expect(clock.timerNames()).toEqual([]);
  });
});
