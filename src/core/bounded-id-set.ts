/**
 * Remembers ids for idempotent handling: at most `capacity` of them, and none older than `maxAgeMs`
 * (so memory follows rate x age and stops growing once the window is full, whatever the rate).
 * A ring queue evicts the oldest in O(1); evicting through the Set's iterator degrades after many
 * deletions (measured: consumer throughput halved once the window filled).
 */
export class BoundedIdSet {
  private readonly ids = new Set<string>();
  private readonly ring: Array<string | undefined>;
  private readonly addedAt: Float64Array;
  private head = 0;
  private size = 0;

  constructor(
    private readonly capacity: number,
    private readonly maxAgeMs = Number.POSITIVE_INFINITY,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.ring = [];
    this.addedAt = new Float64Array(capacity);
  }

  get count(): number {
    return this.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    if (this.ids.has(id)) return;
    const nowMs = this.now();
    while (
      this.size > 0 &&
      (this.size === this.capacity || nowMs - this.addedAt[this.head]! > this.maxAgeMs)
    ) {
      this.ids.delete(this.ring[this.head]!);
      this.ring[this.head] = undefined;
      this.head = (this.head + 1) % this.capacity;
      this.size--;
    }
    const tail = (this.head + this.size) % this.capacity;
    this.ring[tail] = id;
    this.addedAt[tail] = nowMs;
    this.size++;
    this.ids.add(id);
  }
}
