import type { WireFrame } from './client-queue.ts';

/** A message as the engine keeps it: its per-topic sequence and the frame, serialised once. */
export interface Retained {
  seq: number;
  frame: WireFrame;
}

export type Replay =
  | { kind: 'messages'; messages: Retained[] }
  /** Messages `fromSeq..toSeq` are no longer retained; `messages` are those that still are. */
  | { kind: 'gap'; fromSeq: number; toSeq: number; messages: Retained[] };

/**
 * The last `capacity` messages of one topic, for clients that reconnect with `resume`. Sequences
 * start at 1 and have no holes, so what a client missed is known exactly.
 */
export class RetentionRing {
  private readonly items: Retained[] = [];
  private head = 0;
  lastSeq = 0;

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be >= 1');
  }

  /** Assigns the next sequence to `frameOf(seq)` and keeps it. */
  append(frameOf: (seq: number) => WireFrame): Retained {
    const seq = ++this.lastSeq;
    const item = { seq, frame: frameOf(seq) };
    if (this.items.length < this.capacity) this.items.push(item);
    else {
      this.items[this.head] = item;
      this.head = (this.head + 1) % this.capacity;
    }
    return item;
  }

  /** What came after `sinceSeq`, oldest first, or the gap when some of it was overwritten. */
  after(sinceSeq: number): Replay {
    const ordered = [...this.items.slice(this.head), ...this.items.slice(0, this.head)];
    const messages = ordered.filter((item) => item.seq > sinceSeq);
    const oldest = ordered[0]?.seq ?? this.lastSeq + 1;
    if (sinceSeq + 1 < oldest) return { kind: 'gap', fromSeq: sinceSeq + 1, toSeq: oldest - 1, messages };
    return { kind: 'messages', messages };
  }
}
