/**
 * Remembers the last `capacity` ids: handlers are idempotent by message id. A ring of ids evicts
 * the oldest in O(1); evicting through the Set's iterator degrades after many deletions (measured:
 * consumer throughput halved once the window filled).
 */
export class BoundedIdSet {
  private readonly ids = new Set<string>();
  private readonly ring: Array<string | undefined>;
  private next = 0;

  constructor(capacity: number) {
    this.ring = new Array(capacity);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    if (this.ids.has(id)) return;
    const evicted = this.ring[this.next];
    if (evicted !== undefined) this.ids.delete(evicted);
    this.ring[this.next] = id;
    this.next = (this.next + 1) % this.ring.length;
    this.ids.add(id);
  }
}
