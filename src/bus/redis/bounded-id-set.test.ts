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
  });
});
