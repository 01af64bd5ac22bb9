import { topicMatches } from '../domain/topics.ts';

/** Handlers of one group in one process: a message goes to one whose pattern matches, round-robin. */
export class HandlerSet<T extends { readonly pattern: string }> {
  readonly items: T[] = [];
  private next = 0;

  add(item: T): void {
    this.items.push(item);
  }

  remove(item: T): boolean {
    const index = this.items.indexOf(item);
    if (index < 0) return false;
    this.items.splice(index, 1);
    return true;
  }

  get size(): number {
    return this.items.length;
  }

  matchesAny(topic: string): boolean {
    return this.items.some((item) => topicMatches(item.pattern, topic));
  }

  pick(topic: string): T | undefined {
    const count = this.items.length;
    for (let i = 0; i < count; i++) {
      const item = this.items[(this.next + i) % count]!;
      if (topicMatches(item.pattern, topic)) {
        this.next = (this.next + i + 1) % count;
        return item;
      }
    }
    return undefined;
  }
}
