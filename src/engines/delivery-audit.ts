import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Envelope } from '../domain/envelope.ts';
import { topicMatches } from '../domain/topics.ts';

/**
 * An append-only record of every message a handler finished, for reconciling a distributed run
 * against what was published: `<instance>\t<consumer group>\t<message id>\t<topic>` per line.
 * Each line is written synchronously before the bus acks the message, so a process killed with
 * SIGKILL loses no line for a message it acknowledged (a line for a handled but unacked message
 * may exist: that message is redelivered, and the ledger shows the duplicate).
 */
export class DeliveryAudit {
  private readonly fd: number;

  constructor(
    readonly path: string,
    private readonly instanceId: string,
    private readonly patterns: readonly string[],
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a');
  }

  covers(topic: string): boolean {
    return this.patterns.some((pattern) => topicMatches(pattern, topic));
  }

  handled(group: string, envelope: Envelope): void {
    if (!this.covers(envelope.topic)) return;
    writeSync(this.fd, `${this.instanceId}\t${group}\t${envelope.id}\t${envelope.topic}\n`);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** `{instance}` in the configured path becomes the process's instance id. */
export function auditPath(template: string, instanceId: string): string {
  return template.replaceAll('{instance}', instanceId);
}
