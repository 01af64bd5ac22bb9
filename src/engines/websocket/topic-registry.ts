import { topicMatches } from '../../domain/topics.ts';

/**
 * Which clients want which patterns. The engine holds one bus subscription per pattern in here,
 * whatever the number of clients: `add` says when a pattern gains its first client (subscribe),
 * `remove` when it loses its last (unsubscribe). `clientsFor(topic)` is asked per bus message, so
 * its answer is cached per topic until the next change.
 */
export class TopicRegistry<C> {
  private readonly byPattern = new Map<string, Set<C>>();
  private readonly byClient = new Map<C, Set<string>>();
  private readonly cache = new Map<string, readonly C[]>();

  /** True when `pattern` had no client before. */
  add(client: C, pattern: string): boolean {
    let patterns = this.byClient.get(client);
    if (!patterns) {
      patterns = new Set();
      this.byClient.set(client, patterns);
    }
    if (patterns.has(pattern)) return false;
    patterns.add(pattern);
    this.cache.clear();
    const clients = this.byPattern.get(pattern);
    if (clients) {
      clients.add(client);
      return false;
    }
    this.byPattern.set(pattern, new Set([client]));
    return true;
  }

  /** True when `pattern` has no client left. */
  remove(client: C, pattern: string): boolean {
    const patterns = this.byClient.get(client);
    if (!patterns?.delete(pattern)) return false;
    if (patterns.size === 0) this.byClient.delete(client);
    this.cache.clear();
    const clients = this.byPattern.get(pattern)!;
    clients.delete(client);
    if (clients.size > 0) return false;
    this.byPattern.delete(pattern);
    return true;
  }

  /** Removes every pattern of a client; returns the patterns left with no client. */
  removeClient(client: C): string[] {
    const emptied: string[] = [];
    for (const pattern of [...(this.byClient.get(client) ?? [])])
      if (this.remove(client, pattern)) emptied.push(pattern);
    return emptied;
  }

  patternsOf(client: C): string[] {
    return [...(this.byClient.get(client) ?? [])];
  }

  has(pattern: string): boolean {
    return this.byPattern.has(pattern);
  }

  get patterns(): string[] {
    return [...this.byPattern.keys()];
  }

  /** Each client once, even when several of its patterns match the topic. */
  clientsFor(topic: string): readonly C[] {
    let clients = this.cache.get(topic);
    if (!clients) {
      const found = new Set<C>();
      for (const [pattern, members] of this.byPattern)
        if (topicMatches(pattern, topic)) for (const client of members) found.add(client);
      clients = [...found];
      if (this.cache.size >= 10_000) this.cache.clear();
      this.cache.set(topic, clients);
    }
    return clients;
  }
}
