export interface AccessPredictorOptions {
  /** Times Y -> X must have been seen before X is predicted after Y. */
  minSupport?: number;
  /** Share of Y's successors that must be X. */
  minConfidence?: number;
  /** Most keys predicted after one access. */
  maxPredictions?: number;
  /** Keys whose successors are remembered (LRU); bounds memory on an open key space. */
  maxKeys?: number;
}

interface Successors {
  total: number;
  counts: Map<string, number>;
}

/**
 * First-order Markov model of request sequences, one sequence per requester: "engines that ask
 * for Y next ask for X" becomes a prediction once seen `minSupport` times with `minConfidence`.
 */
export class AccessPredictor {
  private readonly minSupport: number;
  private readonly minConfidence: number;
  private readonly maxPredictions: number;
  private readonly maxKeys: number;
  private readonly successors = new Map<string, Successors>();
  private readonly lastByRequester = new Map<string, string>();

  constructor(options: AccessPredictorOptions = {}) {
    this.minSupport = options.minSupport ?? 3;
    this.minConfidence = options.minConfidence ?? 0.5;
    this.maxPredictions = options.maxPredictions ?? 2;
    this.maxKeys = options.maxKeys ?? 10_000;
    if (!(this.minConfidence > 0 && this.minConfidence <= 1))
      throw new RangeError(`prefetch minConfidence must be in (0, 1], got ${this.minConfidence}`);
    if (!(Number.isInteger(this.minSupport) && this.minSupport >= 1))
      throw new RangeError(`prefetch minSupport must be an integer >= 1, got ${this.minSupport}`);
  }

  /** Learns `key` as the successor of the requester's previous key; returns keys to prefetch now. */
  record(requester: string, key: string): string[] {
    const previous = this.lastByRequester.get(requester);
    this.lastByRequester.set(requester, key);
    if (previous !== undefined && previous !== key) this.learn(previous, key);
    return this.predict(key);
  }

  predict(key: string): string[] {
    const entry = this.successors.get(key);
    if (!entry) return [];
    const predicted: [string, number][] = [];
    for (const [next, count] of entry.counts)
      if (count >= this.minSupport && count / entry.total >= this.minConfidence)
        predicted.push([next, count]);
    return predicted
      .sort((a, b) => b[1] - a[1])
      .slice(0, this.maxPredictions)
      .map(([next]) => next);
  }

  get size(): number {
    return this.successors.size;
  }

  private learn(from: string, to: string): void {
    let entry = this.successors.get(from);
    if (entry) this.successors.delete(from);
    else entry = { total: 0, counts: new Map() };
    this.successors.set(from, entry);
    entry.total++;
    entry.counts.set(to, (entry.counts.get(to) ?? 0) + 1);
    // Successor lists stay short: drop the rarest once a key has many.
    if (entry.counts.size > 32) {
      const [rarest] = [...entry.counts].sort((a, b) => a[1] - b[1])[0]!;
      entry.total -= entry.counts.get(rarest)!;
      entry.counts.delete(rarest);
    }
    if (this.successors.size > this.maxKeys) this.successors.delete(this.successors.keys().next().value!);
  }
}
