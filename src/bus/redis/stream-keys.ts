import type { Lane } from '../../domain/message-types.ts';
import { PRIORITIES, PRIORITY_RANK, type Priority } from '../../domain/priority.ts';
import { familiesOf, familyOf, laneOfFamily } from '../../domain/topics.ts';
import { CLUSTER_SLOTS, crc16 } from './crc16.ts';

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

/** Hash per lane: stream -> entries the retention hard cap trimmed before every group consumed them. */
export function trimmedUnconsumedKey(prefix: string, lane: Lane): string {
  return `${prefix}:${lane}:trimmed_unconsumed`;
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

/**
 * Key prefix of market-data shard `shard` of `shards`: a Redis Cluster hash tag, so the shard's
 * streams, control and dead-letter streams share one slot (multi-key XREAD and the batch script
 * need that). The tag's counter is the first whose slot lies in the shard's equal share of the
 * slot space: shards sit evenly over the slots, so on a cluster split evenly over N nodes (N
 * dividing `shards`) each node serves shards/N of them, where `{prefix:md:k}` lands by chance.
 */
export function shardPrefix(prefix: string, shard: number, shards: number): string {
  const low = Math.floor((shard * CLUSTER_SLOTS) / shards);
  const high = Math.floor(((shard + 1) * CLUSTER_SLOTS) / shards);
  for (let n = 0; n < 1_000_000; n++) {
    const tag = `${prefix}:md:${shard}of${shards}:${n}`;
    const slot = crc16(tag) % CLUSTER_SLOTS;
    if (slot >= low && slot < high) return `{${tag}}`;
  }
  throw new RangeError(`no hash tag for shard ${shard} of ${shards} (slots ${low}-${high - 1})`);
}
