import { describe, expect, it } from 'vitest';
import { TestClock } from '../../core/test-clock.ts';
import { mergeByEventTime } from './merge-by-event-time.ts';
import { ReplayPacer, type ReplayPacerOptions, type ReplayProgress } from './replay-pacer.ts';
import { asyncSource, quoteAt } from './test-records.ts';

const SECOND = 1_000_000_000n;
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A pacer over quotes at the given event times, recording (event time, clock time) per delivery. */
function pacerOver(eventTimes: bigint[], options: Partial<ReplayPacerOptions> = {}) {
  const clock = new TestClock(1_000n * SECOND);
  const deliveries: Array<[bigint, bigint]> = [];
  const progress: ReplayProgress[] = [];
  const stream = mergeByEventTime([asyncSource(eventTimes.map((t) => quoteAt(t)))]);
  const pacer = new ReplayPacer(stream, {
    clock,
    speed: 'max',
    onRecord: (merged) => deliveries.push([merged.eventNs, clock.nowNs()]),
    onProgress: (p) => progress.push(p),
    ...options,
  });
  return { clock, pacer, deliveries, progress };
}

/** Steps a TestClock timer by timer until `done` settles, as the event loop would for a LiveClock. */
async function driveToEnd<T>(clock: TestClock, done: Promise<T>): Promise<T> {
  let finished = false;
  const result = done.finally(() => {
    finished = true;
  });
  for (await settle(); !finished; await settle()) {
    const next = clock.nextEventNs();
    if (next === undefined) throw new Error('replay is stuck: no timer pending');
    clock.advanceTo(next);
  }
  return result;
}

describe('ReplayPacer.run', () => {
  it('at speed 10 delivers each record at its event-time offset divided by 10', async () => {
    const { clock, pacer, deliveries } = pacerOver([50n * SECOND, 50n * SECOND, 60n * SECOND, 75n * SECOND], {
      speed: 10,
    });
    const start = clock.nowNs();
    const result = await driveToEnd(clock, pacer.run());
    expect(deliveries).toEqual([
      [50n * SECOND, start],
      [50n * SECOND, start],
      [60n * SECOND, start + 1n * SECOND],
      [75n * SECOND, start + (25n * SECOND) / 10n],
    ]);
    expect(result).toMatchObject({ delivered: 4, eventNs: 75n * SECOND, done: true });
  });

  it('waits on the clock and not on wall time', async () => {
    const { clock, pacer, deliveries } = pacerOver([0n, 3600n * SECOND], { speed: 1 });
    const run = pacer.run();
    await settle();
    expect(deliveries).toHaveLength(1);
    expect(clock.timerNames()).toHaveLength(1);
    clock.advanceTo(clock.nowNs() + 3600n * SECOND - 1n);
    await settle();
    expect(deliveries).toHaveLength(1);
    clock.advanceTo(clock.nowNs() + 1n);
    await run;
    expect(deliveries).toHaveLength(2);
  });

  it("in 'max' mode delivers everything without timers, yielding to the event loop", async () => {
    const times = Array.from({ length: 100 }, (_, i) => BigInt(i) * SECOND);
    const { clock, pacer, deliveries } = pacerOver(times, { speed: 'max', yieldEvery: 10 });
    const immediates: number[] = [];
    const poll = () => {
      immediates.push(deliveries.length);
      if (deliveries.length < 100) setImmediate(poll);
    };
    setImmediate(poll);
    await pacer.run();
    expect(deliveries).toHaveLength(100);
    expect(deliveries.every(([, at]) => at === clock.nowNs())).toBe(true);
    // Other callbacks ran mid-replay, between batches of 10.
    expect(immediates.some((n) => n > 0 && n < 100)).toBe(true);
    expect(immediates.every((n) => n % 10 === 0)).toBe(true);
    expect(clock.timerNames()).toEqual([]);
  });

  it('reports progress every N records and once at the end, with the fraction of a known total', async () => {
    const times = Array.from({ length: 7 }, (_, i) => BigInt(i));
    const { pacer, progress } = pacerOver(times, { progressEvery: 3, totalRecords: 7 });
    await pacer.run();
    expect(progress).toEqual([
      { delivered: 3, eventNs: 2n, fraction: 3 / 7, done: false },
      { delivered: 6, eventNs: 5n, fraction: 6 / 7, done: false },
      { delivered: 7, eventNs: 6n, fraction: 1, done: true },
    ]);
  });

  it('does not repeat the final report when the last periodic one covered every record', async () => {
    const { pacer, progress } = pacerOver([0n, 1n, 2n, 3n], { progressEvery: 2 });
    await pacer.run();
    expect(progress.map((p) => [p.delivered, p.done, p.fraction])).toEqual([
      [2, false, undefined],
      [4, false, undefined],
    ]);
  });

  it('stop() during a wait cancels the timer and ends the run cleanly', async () => {
    const { clock, pacer, deliveries } = pacerOver([0n, 10n * SECOND, 20n * SECOND], { speed: 1 });
    const run = pacer.run();
    await settle();
    expect(clock.timerNames()).toHaveLength(1);
    pacer.stop();
    const result = await run;
    expect(result).toMatchObject({ delivered: 1, done: false });
    expect(deliveries).toHaveLength(1);
    expect(clock.timerNames()).toEqual([]);
    expect(await pacer.deliverUntil(100n * SECOND)).toBe(0);
  });

  it('stop() from inside onRecord delivers nothing more', async () => {
    const times = Array.from({ length: 50 }, (_, i) => BigInt(i));
    const { pacer, deliveries } = pacerOver(times, {
      onRecord: () => {
        deliveries.push([0n, 0n]);
        if (deliveries.length === 5) pacer.stop();
      },
    });
    await pacer.run();
    expect(deliveries).toHaveLength(5);
  });

  it('rejects a second concurrent run and a bad speed', async () => {
    const { clock, pacer } = pacerOver([0n, SECOND], { speed: 1 });
    const run = pacer.run();
    await expect(pacer.run()).rejects.toThrow(/already running/);
    pacer.stop();
    await run;
    expect(() => pacerOver([], { speed: 0 })).toThrow(RangeError);
    expect(clock.timerNames()).toEqual([]);
  });
});

describe('ReplayPacer.deliverUntil', () => {
  it('delivers every record with event time <= t, keeping the next one buffered', async () => {
    const { pacer, deliveries, progress } = pacerOver([1n, 2n, 2n, 5n, 9n], { progressEvery: 100 });
    expect(await pacer.deliverUntil(0n)).toBe(0);
    expect(await pacer.deliverUntil(2n)).toBe(3);
    expect(await pacer.deliverUntil(4n)).toBe(0);
    expect(await pacer.deliverUntil(5n)).toBe(1);
    expect(deliveries.map(([eventNs]) => eventNs)).toEqual([1n, 2n, 2n, 5n]);
    expect(progress).toEqual([]);
    expect(await pacer.deliverUntil(100n)).toBe(1);
    expect(progress).toEqual([{ delivered: 5, eventNs: 9n, fraction: undefined, done: true }]);
    expect(await pacer.deliverUntil(200n)).toBe(0);
    expect(progress).toHaveLength(1);
  });
});
