import { describe, expect, it } from 'vitest';
import { RetentionRing } from './retention-ring.ts';

function ringWith(capacity: number, count: number): RetentionRing {
  const ring = new RetentionRing(capacity);
  for (let i = 0; i < count; i++) ring.append((seq) => `m${seq}`);
  return ring;
}

describe('RetentionRing', () => {
  it('numbers messages from 1 and replays those after a sequence', () => {
    const ring = ringWith(5, 3);
    expect(ring.lastSeq).toBe(3);
    expect(ring.after(1)).toEqual({
      kind: 'messages',
      messages: [
        { seq: 2, frame: 'm2' },
        { seq: 3, frame: 'm3' },
      ],
    });
    expect(ring.after(3)).toEqual({ kind: 'messages', messages: [] });
    expect(new RetentionRing(2).after(0)).toEqual({ kind: 'messages', messages: [] });
  });

  it('reports exactly what was overwritten: capacity 3 after 7 messages keeps 5..7', () => {
    const ring = ringWith(3, 7);
    // Asked after 2: 3 and 4 are gone (7 - 3 = 4 overwritten), 5, 6, 7 remain.
    expect(ring.after(2)).toEqual({
      kind: 'gap',
      fromSeq: 3,
      toSeq: 4,
      messages: [5, 6, 7].map((seq) => ({ seq, frame: `m${seq}` })),
    });
    expect(ring.after(4).kind).toBe('messages');
    expect(ring.after(6).kind === 'messages' && ring.after(6).messages.map((m) => m.seq)).toEqual([7]);
  });

  it('refuses a capacity below 1', () => {
    expect(() => new RetentionRing(0)).toThrow(RangeError);
  });
});
