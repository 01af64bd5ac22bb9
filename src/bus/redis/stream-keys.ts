import type { Lane } from '../../domain/message-types.ts';
import { PRIORITIES, PRIORITY_RANK, type Priority } from '../../domain/priority.ts';
import { familiesOf, familyOf, laneOfFamily } from '../../domain/topics.ts';

/**
 * One stream per (family, priority): a FLASH_CRASH message never sits behind a NORMAL backlog,
 * because the reader takes every priority's stream in one XREADGROUP and serves the highest first.
 */
export function streamKey(prefix: string, family: string, priority: Priority): string {
  return `${prefix}:${laneOfFamily(family)}:${family}:${PRIORITY_RANK[priority]}`;
}

export function streamOfTopic(prefix: string, topic: string, priority: Priority): string {
  return streamKey(prefix, familyOf(topic), priority);
}

/** Per process and bus: written to wake that process's blocked reader. */
export function controlKey(prefix: string, lane: Lane, instanceId: string): string {
  return `${prefix}:${lane}:control:${instanceId}`;
}

export function deadLetterKey(prefix: string, lane: Lane): string {
  return `${prefix}:${lane}:dead_letter`;
}

/** Streams a pattern reaches, grouped by lane, highest priority first. */
export function streamsOfPattern(prefix: string, pattern: string): Map<Lane, string[]> {
  const byLane = new Map<Lane, string[]>();
  for (const priority of PRIORITIES) {
    for (const family of familiesOf(pattern)) {
      const lane = laneOfFamily(family);
      const list = byLane.get(lane) ?? [];
      list.push(streamKey(prefix, family, priority));
      byLane.set(lane, list);
    }
  }
  return byLane;
}

/** Priority rank encoded in the key's last segment. */
export function rankOfStream(stream: string): number {
  return Number(stream.slice(stream.lastIndexOf(':') + 1));
}
