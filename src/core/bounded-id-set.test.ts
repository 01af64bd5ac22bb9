import { describe, expect, it } from 'vitest';
import { BoundedIdSet } from './bounded-id-set.ts';

describe('BoundedIdSet', () => {
  it('remembers the last `capacity` ids and forgets older ones', () => {
    const set = new BoundedIdSet(3);
    for (const id of ['a', 'b', 'c', 'd']) set.add(id);
    expect(set.has('a')).toBe(false);
    expect(['b', 'c', 'd'].every((id) => set.has(id))).toBe(true);
    set.add('b');
    set.add('e');
    expect(set.has('b')).toBe(false);
    expect(set.has('e')).toBe(true);
    expect(set.count).toBe(3);
  });

  it('forgets ids older than maxAgeMs, so a slow stream holds only its last window', () => {
    let nowMs = 0;
    const set = new BoundedIdSet(1_000, 60_000, () => nowMs);
    for (let i = 0; i < 200; i++) {
      nowMs = i * 1_000;
      set.add(`m${i}`);
    }
    // One id a second: the last 61 seconds' ids are kept (t - 60 s ... t), the rest forgotten.
    expect(set.count).toBe(61);
    expect(set.has('m138')).toBe(false);
    expect(set.has('m139')).toBe(true);
    expect(set.has('m199')).toBe(true);
  });
});
