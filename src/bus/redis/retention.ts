import type { Logger } from '../../core/logger.ts';
import { type BusConfig, hardCapOf } from '../bus-config.ts';
import type { BusCounters } from '../message-bus.ts';
import type { LaneConnection } from './lane-connection.ts';
import { errorText, isConnectionError, isNoScript } from './redis-errors.ts';
import { loadScript } from './scripts.ts';
import { trimmedUnconsumedKey } from './stream-keys.ts';

/** Appends a batch and applies retention to its streams (see the script's header). */
export const XADD_BATCH = loadScript('xadd-batch');

/**
 * A stream held above maxLen by a lagging group is scanned again (XINFO GROUPS, XPENDING per
 * group) at most this often per publisher; in between a batch costs it one XLEN. Also the period
 * of the re-check that trims a held stream once its groups catch up, with no publish needed.
 */
export const RESCAN_MS = 100;

/** Per-process RPC reply groups (see RedisBus.subscribe): they never hold retention back. */
const EPHEMERAL_GROUP_PREFIX = 'rpc-reply.';
const WITHIN = 0;
const HELD = 1;

/**
 * KEYS and the ARGV head of an xadd-batch call for `streams` (each once); the caller appends
 * the entries as (stream index from 1, topic, data).
 */
export function retentionCall(
  config: BusConfig,
  lane: LaneConnection['lane'],
  streams: readonly string[],
  scanAllowed: string,
): string[] {
  return [
    'EVALSHA',
    XADD_BATCH.sha1,
    String(streams.length + 1),
    ...streams,
    trimmedUnconsumedKey(config.prefix, lane),
    String(config.maxLen),
    String(hardCapOf(config)),
    String(config.maxAgeMs),
    scanAllowed,
    EPHEMERAL_GROUP_PREFIX,
  ];
}

/** Counts and reports what the hard cap trimmed unconsumed; returns each stream's status. */
export function readRetentionReply(
  reply: unknown,
  streams: readonly string[],
  lane: string,
  counters: BusCounters,
  logger: Logger,
): number[] {
  const values = (reply as unknown[]).map(Number);
  const dropped = values[1] ?? 0;
  if (dropped > 0) {
    counters.trimmedUnconsumed += dropped;
    logger.error(
      { lane, streams, trimmedUnconsumed: dropped },
      'ALERT: retention hard cap (bus.maxLenHard) trimmed entries a consumer group had not consumed',
    );
  }
  return values.slice(2);
}

/**
 * Applies retention to streams without publishing (no entries). Never loads the script: a load
 * between a failed batch and the next one in the pipeline would let that one overtake (see
 * StreamPublisher); after NOSCRIPT this check is skipped until the publisher has reloaded it.
 */
export async function checkRetention(
  connection: LaneConnection,
  config: BusConfig,
  streams: readonly string[],
  counters: BusCounters,
  logger: Logger,
): Promise<number[] | null> {
  if (streams.length === 0 || !connection.commands.isReady) return null;
  try {
    const reply = await connection.commands.sendCommand(
      retentionCall(config, connection.lane, streams, '1'.repeat(streams.length)),
    );
    return readRetentionReply(reply, streams, connection.lane, counters, logger);
  } catch (error) {
    if (!isNoScript(error) && !isConnectionError(error))
      logger.warn({ lane: connection.lane, err: errorText(error) }, 'retention check failed');
    return null;
  }
}

/**
 * One publisher's memory of the streams it found held above retention by a lagging group: their
 * group scan is throttled to one per RESCAN_MS, and while any is held a timer re-checks them, so
 * a stream is trimmed back once its groups catch up even if nothing more is published to it.
 */
export class RetentionTracker {
  /** Held stream -> earliest time (ms) of its next group scan. */
  private readonly held = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connection: LaneConnection,
    private readonly config: BusConfig,
    private readonly counters: BusCounters,
    private readonly logger: Logger,
  ) {}

  /**
   * The script's per-stream scan flags for a batch written now. A held stream's next scan is
   * booked at once, so the re-check timer or a pipelined batch does not scan it too meanwhile.
   */
  scanFlags(streams: readonly string[]): string {
    const now = Date.now();
    let flags = '';
    for (const stream of streams) {
      const at = this.held.get(stream);
      if (at !== undefined && at > now) {
        flags += '0';
        continue;
      }
      if (at !== undefined) this.held.set(stream, now + RESCAN_MS);
      flags += '1';
    }
    return flags;
  }

  /** Takes the reply of an xadd-batch call on `streams`. */
  onReply(streams: readonly string[], reply: unknown): void {
    const statuses = readRetentionReply(reply, streams, this.connection.lane, this.counters, this.logger);
    const next = Date.now() + RESCAN_MS;
    statuses.forEach((status, i) => {
      const stream = streams[i]!;
      if (status === WITHIN) this.held.delete(stream);
      else if (status === HELD) this.held.set(stream, next);
      else if (!this.held.has(stream)) this.held.set(stream, 0);
    });
    if (this.held.size > 0) this.arm();
  }

  private arm(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.recheck(), RESCAN_MS);
    this.timer.unref();
  }

  /** Re-checks the held streams that are due; stops once none is held or the lane is closed. */
  private async recheck(): Promise<void> {
    const now = Date.now();
    const due = [...this.held].filter(([, at]) => at <= now).map(([stream]) => stream);
    for (const stream of due) this.held.set(stream, now + RESCAN_MS);
    const reply = await checkRetention(this.connection, this.config, due, this.counters, this.logger);
    if (reply) {
      const next = Date.now() + RESCAN_MS;
      reply.forEach((status, i) => {
        if (status === WITHIN) this.held.delete(due[i]!);
        else this.held.set(due[i]!, next);
      });
    }
    this.timer = null;
    if (this.held.size > 0 && this.connection.commands.isOpen) this.arm();
  }
}
