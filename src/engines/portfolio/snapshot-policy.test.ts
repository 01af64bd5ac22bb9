import { describe, expect, it } from 'vitest';
import { SnapshotPolicy } from './snapshot-policy.ts';

const MIN = 60_000_000_000n;

describe('SnapshotPolicy', () => {
  it('snapshots once per interval of event time, counting every snapshot taken', () => {
    const policy = new SnapshotPolicy(MIN, false);
    expect(policy.due(10n * MIN + 5n, false)).toBe(true);
    policy.taken(10n * MIN + 5n);
    expect(policy.due(10n * MIN + 30_000_000_000n, false)).toBe(false);
    expect(policy.due(10n * MIN + 40_000_000_000n, true)).toBe(false);
    expect(policy.due(11n * MIN, false)).toBe(true);
    policy.taken(11n * MIN + 1n);
    expect(policy.due(11n * MIN + 2n, false)).toBe(false);
    policy.taken(5n * MIN);
    expect(policy.due(11n * MIN + 3n, false)).toBe(false);
  });

  it('snapshots on every bar when asked, and on every event with a zero interval', () => {
    const bars = new SnapshotPolicy(MIN, true);
    bars.taken(MIN);
    expect(bars.due(MIN + 1n, true)).toBe(true);
    expect(bars.due(MIN + 1n, false)).toBe(false);
    const every = new SnapshotPolicy(0n, false);
    every.taken(MIN);
    expect(every.due(MIN, false)).toBe(true);
  });
});
