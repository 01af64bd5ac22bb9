import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Per message id: how many times each consumer group's handlers finished it. */
export type Deliveries = Map<string, Map<string, number>>;

/**
 * Follows the delivery audit files (`audit.deliveryLog`) of every process in a directory, reading
 * only what was appended since the last call: `<instance>\t<group>\t<id>\t<topic>` per line.
 */
export class AuditReader {
  readonly deliveries: Deliveries = new Map();
  /** Consumer groups seen handling each topic: the groups every message of that topic must reach. */
  readonly groupsByTopic = new Map<string, Set<string>>();
  lines = 0;
  private readonly offsets = new Map<string, number>();
  private readonly partial = new Map<string, string>();

  constructor(private readonly dir: string) {}

  poll(): void {
    if (!existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir)) {
      if (name.endsWith('.log')) this.readFile(join(this.dir, name));
    }
  }

  private readFile(path: string): void {
    const size = statSync(path).size;
    const from = this.offsets.get(path) ?? 0;
    if (size <= from) return;
    const buffer = Buffer.alloc(size - from);
    const fd = openSync(path, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, from);
    } finally {
      closeSync(fd);
    }
    this.offsets.set(path, size);
    const text = (this.partial.get(path) ?? '') + buffer.toString('utf8');
    const lines = text.split('\n');
    this.partial.set(path, lines.pop() ?? '');
    for (const line of lines) this.add(line);
  }

  private add(line: string): void {
    const [, group, id, topic] = line.split('\t');
    if (!group || !id || !topic) return;
    this.lines++;
    const byGroup = this.deliveries.get(id) ?? new Map<string, number>();
    this.deliveries.set(id, byGroup);
    byGroup.set(group, (byGroup.get(group) ?? 0) + 1);
    const groups = this.groupsByTopic.get(topic) ?? new Set<string>();
    this.groupsByTopic.set(topic, groups);
    groups.add(group);
  }
}
