import type { Nanos } from '../../domain/time.ts';

interface Pending {
  atNs: Nanos;
  run: (atNs: Nanos) => void;
}

/** Commands in flight to the matching engine, released in arrival order (FIFO on ties). */
export class CommandQueue {
  private readonly pending: Pending[] = [];

  push(atNs: Nanos, run: (atNs: Nanos) => void): void {
    let i = this.pending.length;
    while (i > 0 && this.pending[i - 1]!.atNs > atNs) i -= 1;
    this.pending.splice(i, 0, { atNs, run });
  }

  nextAt(): Nanos | undefined {
    return this.pending[0]?.atNs;
  }

  /** Runs the first command (the caller checked it is due). */
  runNext(): void {
    const next = this.pending.shift();
    next?.run(next.atNs);
  }

  get size(): number {
    return this.pending.length;
  }
}
