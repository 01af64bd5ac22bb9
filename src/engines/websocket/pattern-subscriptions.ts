import type { Subscription } from '../../bus/message-bus.ts';
import type { Nanos } from '../../domain/time.ts';

export interface PatternSubscriptionsDeps {
  subscribe: (pattern: string) => Promise<Subscription>;
  /** A subscription could not be taken (logged by the engine; the next client retries). */
  onError: (pattern: string, error: unknown) => void;
  /** After a pattern was released: the engine drops what only it covered. */
  onRelease: (held: readonly string[]) => void;
  graceNs: Nanos;
  /**
   * Idle patterns kept at most: past it the longest-idle one is released early, so a client that
   * subscribes and unsubscribes ever new patterns cannot pile up bus subscriptions for the grace.
   */
  maxIdle: number;
}

/**
 * The engine's bus subscriptions, one per client pattern. Taken with a pattern's first client;
 * when its last client leaves it stays `graceNs` longer, so messages keep being retained for a
 * client that reconnects and resumes, and is released by the next `sweep` after that.
 */
export class PatternSubscriptions {
  private readonly held = new Map<string, Promise<Subscription | undefined>>();
  private readonly idleSince = new Map<string, Nanos>();

  constructor(private readonly deps: PatternSubscriptionsDeps) {}

  get size(): number {
    return this.held.size;
  }

  hold(pattern: string): void {
    this.idleSince.delete(pattern);
    if (this.held.has(pattern)) return;
    const subscription = this.deps.subscribe(pattern).catch((error: unknown) => {
      this.deps.onError(pattern, error);
      this.held.delete(pattern);
      return undefined;
    });
    this.held.set(pattern, subscription);
  }

  idle(pattern: string, nowNs: Nanos): void {
    this.idleSince.set(pattern, nowNs);
    // Map order is insertion order: the first key has been idle longest.
    if (this.idleSince.size > this.deps.maxIdle) this.release(this.idleSince.keys().next().value!);
  }

  sweep(nowNs: Nanos): void {
    for (const [pattern, sinceNs] of this.idleSince)
      if (nowNs - sinceNs >= this.deps.graceNs) this.release(pattern);
  }

  private release(pattern: string): void {
    this.idleSince.delete(pattern);
    const subscription = this.held.get(pattern);
    this.held.delete(pattern);
    void subscription?.then((active) => active?.unsubscribe());
    this.deps.onRelease([...this.held.keys()]);
  }

  async releaseAll(): Promise<void> {
    const pending = [...this.held.values()];
    this.held.clear();
    this.idleSince.clear();
    await Promise.all(pending.map(async (subscription) => (await subscription)?.unsubscribe()));
  }
}
