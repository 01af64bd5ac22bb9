import type { Deliveries } from './audit-reader.ts';

export interface PublishedMessage {
  id: string;
  topic: string;
  scenario: string;
  /** Redis confirmed the write (the publisher's flush resolved). */
  acked: boolean;
}

export interface DeliverySummary {
  published: number;
  /** Published but never confirmed by Redis (still buffered at the end, or refused): not promised. */
  unacknowledged: number;
  /** (message, consumer group) pairs the handlers finished at least once. */
  delivered: number;
  /** Extra handler runs beyond the first, per (message, group). */
  duplicates: number;
  /** Acknowledged messages some expected group never finished. */
  lost: number;
  lostExamples: string[];
}

/**
 * Checks every acknowledged message against the groups that handle its topic: each must have
 * finished it at least once. Expected groups come from the audit itself (every group seen on the
 * topic), so a group that silently dropped everything of a topic would not be expected: the
 * campaign checks the expected group count separately.
 */
export function summarise(
  messages: Iterable<PublishedMessage>,
  deliveries: Deliveries,
  groupsByTopic: ReadonlyMap<string, ReadonlySet<string>>,
): DeliverySummary {
  const summary: DeliverySummary = {
    published: 0,
    unacknowledged: 0,
    delivered: 0,
    duplicates: 0,
    lost: 0,
    lostExamples: [],
  };
  for (const message of messages) {
    summary.published++;
    const byGroup = deliveries.get(message.id);
    if (!message.acked) {
      summary.unacknowledged++;
      continue;
    }
    let missing: string | undefined;
    for (const group of groupsByTopic.get(message.topic) ?? []) {
      const count = byGroup?.get(group) ?? 0;
      if (count === 0) missing ??= group;
      else {
        summary.delivered++;
        summary.duplicates += count - 1;
      }
    }
    if (missing !== undefined) {
      summary.lost++;
      if (summary.lostExamples.length < 5)
        summary.lostExamples.push(`${message.id} ${message.topic} -> ${missing}`);
    }
  }
  return summary;
}
