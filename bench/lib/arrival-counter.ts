/** Counts handler calls and lets a phase await a count without polling the hot path. */
export class ArrivalCounter {
  count = 0;
  private target = Number.POSITIVE_INFINITY;
  private release: (() => void) | null = null;

  add(): void {
    if (++this.count >= this.target) {
      this.target = Number.POSITIVE_INFINITY;
      this.release?.();
    }
  }

  /** Resolves once `count >= target`; rejects if the count stops moving for `stallMs` (lost messages). */
  waitFor(target: number, stallMs = 30_000): Promise<void> {
    if (this.count >= target) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let seen = this.count;
      let stalledSince = Date.now();
      const watch = setInterval(() => {
        if (this.count !== seen) {
          seen = this.count;
          stalledSince = Date.now();
        } else if (Date.now() - stalledSince >= stallMs) {
          clearInterval(watch);
          this.release = null;
          reject(new Error(`stalled at ${this.count} of ${target} messages for ${stallMs} ms`));
        }
      }, 250);
      this.target = target;
      this.release = () => {
        clearInterval(watch);
        this.release = null;
        resolve();
      };
    });
  }
}
