import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../bus/message-bus.ts';
import { PatternSubscriptions } from './pattern-subscriptions.ts';

describe('PatternSubscriptions', () => {
  it('releases the longest-idle pattern early once more than maxIdle are idle', async () => {
    const active = new Set<string>();
    const subscriptions = new PatternSubscriptions({
      subscribe: async (pattern) => {
        active.add(pattern);
        return { unsubscribe: async () => void active.delete(pattern) } as Subscription;
      },
      onError: () => undefined,
      onRelease: () => undefined,
      graceNs: 60_000_000_000n,
      maxIdle: 2,
    });
    for (const pattern of ['a.*', 'b.*', 'c.*', 'd.*']) subscriptions.hold(pattern);
    for (const pattern of ['a.*', 'b.*', 'c.*']) subscriptions.idle(pattern, 1n);
    await Promise.resolve();
    await Promise.resolve();
    // a.* went first; b.* and c.* wait out their grace, d.* is still held by a client.
    expect([...active].sort()).toEqual(['b.*', 'c.*', 'd.*']);
    expect(subscriptions.size).toBe(3);
    subscriptions.hold('b.*');
    subscriptions.idle('d.*', 2n);
    expect(subscriptions.size).toBe(3);
    subscriptions.sweep(60_000_000_002n);
    expect(subscriptions.size).toBe(1);
  });
});
