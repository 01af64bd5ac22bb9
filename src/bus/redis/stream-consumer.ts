import { RESP_TYPES } from 'redis';
import type { Logger } from '../../core/logger.ts';
import { PRIORITY_RANK } from '../../domain/priority.ts';
import type { BusConfig } from '../bus-config.ts';
import type { BusCounters } from '../message-bus.ts';
import type { Codec } from './codec.ts';
import { ConsumerGroup } from './consumer-group.ts';
import type { EntryProcessor, RawEntry } from './entry-processor.ts';
import type { LaneConnection } from './lane-connection.ts';
import { errorText, isBusyGroup, isConnectionError, isLoading, isNoGroup } from './redis-errors.ts';
import { SettledAcks } from './settled-acks.ts';
import { compareStreamIds, maxStreamId, text } from './stream-ids.ts';
import { rankOfStream } from './stream-keys.ts';
import { MAX_MESSAGES_PER_ENTRY } from './stream-publisher.ts';

export interface Batch {
  group: ConsumerGroup;
  stream: string;
  entries: RawEntry[];
}

/** HIGH, URGENT and FLASH_CRASH streams are probed while a lower-priority backlog is handled. */
const PROBE_MAX_RANK = PRIORITY_RANK.HIGH;
const LOWEST_RANK = PRIORITY_RANK.LOW;
const BACKLOG_MIN_RANK = PRIORITY_RANK.NORMAL;
const PROBE_INTERVAL_MS = 1;
/** Entries (of up to 16 messages) handled between two looks at the urgent queue. */
const CHUNK_ENTRIES = 4;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Parses `[[stream, [[id, [field, value, ...]], ...]], ...]` (RESP2 XREAD/XREADGROUP reply). */
export function parseStreamsReply(reply: unknown): Array<{ stream: string; entries: RawEntry[] }> {
  if (reply === null || reply === undefined) return [];
  if (!Array.isArray(reply))
    throw new TypeError('unexpected stream reply shape: the bus connections must use RESP2');
  return reply.map(([stream, entries]: [unknown, unknown[]]) => ({
    stream: text(stream),
    entries: (entries ?? [])
      .filter((entry): entry is [unknown, unknown[]] => Array.isArray(entry))
      .map(([id, fields]) => ({ id: text(id), fields: Array.isArray(fields) ? fields : [] })),
  }));
}

/**
 * Reads one lane for every group this process hosts, over the lane's single reader connection.
 * Idle, it blocks in one XREAD over all the groups' streams (a wake-up, no polling). Woken, it
 * drains with non-blocking XREADGROUP per group until a round comes back empty, handling each
 * round highest priority first. Before reading, and after any connection error or NOGROUP,
 * groups are (re)created with MKSTREAM, so XREADGROUP never meets a missing group.
 */
export class StreamConsumer {
  readonly groups = new Map<string, ConsumerGroup>();
  readonly reclaimed: Batch[] = [];
  private readonly cursors = new Map<string, string>();
  private readonly woken = new Map<string, string>();
  private readonly deliveredMax = new Map<string, string>();
  private needsEnsure = true;
  /**
   * Set after a read error: a read the server answered may have lost its reply, or been received
   * but not handled (a failed probe aborts a round). Those entries sit in this consumer's pending
   * list; they are read back (id 0) and handled before anything new, so order is kept instead of
   * waiting for the claimer (seen under load: one read's 512 messages arriving after 1,500 later ones).
   */
  private recoverPending = false;
  private readonly urgent: Batch[] = [];
  private probing = false;
  private probe: Promise<void> = Promise.resolve();
  private lastProbe = 0;
  private probeError: unknown = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly binary: boolean;
  /** `readCount` is in messages; an entry holds up to MAX_MESSAGES_PER_ENTRY of them. */
  private readonly entriesPerRead: string;

  private readonly acks: SettledAcks;

  constructor(
    private readonly connection: LaneConnection,
    private readonly config: BusConfig,
    codec: Codec,
    private readonly processor: EntryProcessor,
    private readonly counters: BusCounters,
    private readonly logger: Logger,
    private readonly consumerName: string,
    /** Resolves when every message this process published so far is confirmed (all lanes). */
    outputsSettled: () => Promise<void>,
  ) {
    this.acks = new SettledAcks(connection, consumerName, config.claimIdleMs, outputsSettled, logger);
    this.binary = codec.name === 'msgpack';
    this.entriesPerRead = String(Math.max(1, Math.ceil(config.readCount / MAX_MESSAGES_PER_ENTRY)));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.readLoop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.connection.releaseWaiters();
    await this.connection.unblockReader();
    await this.loop;
    await this.acks.stop();
  }

  group(name: string, ephemeral: boolean): ConsumerGroup {
    let group = this.groups.get(name);
    if (!group) {
      const { dedupeWindow: window, dedupeWindowMs: windowMs } = this.config;
      group = new ConsumerGroup(name, { window, windowMs }, ephemeral);
      this.groups.set(name, group);
    }
    return group;
  }

  /**
   * Creates the group on the streams it does not have yet (so a subscription is live when it
   * resolves) and wakes the reader. Only the new streams: each subscription used to re-create
   * every group on every stream (one XGROUP CREATE each), which grows with the square of the
   * subscriptions when a client (the WebSocket engine) subscribes pattern after pattern. A lost
   * group is still found by the reader (NOGROUP) and re-created from 0.
   */
  async refresh(group: ConsumerGroup): Promise<void> {
    if (this.connection.ready) {
      const fresh = group.streams.filter((stream) => !group.known.has(stream));
      await this.ensure(fresh.map((stream) => [group, stream] as const)).catch((error: unknown) => {
        this.needsEnsure = true;
        throw error;
      });
    } else this.needsEnsure = true;
    await this.connection.unblockReader();
  }

  async removeGroup(group: ConsumerGroup): Promise<void> {
    this.groups.delete(group.name);
    if (group.ephemeral && this.connection.commands.isReady) {
      await Promise.all(
        group.streams.map((s) =>
          this.connection.commands.sendCommand(['XGROUP', 'DESTROY', s, group.name]).catch(() => 0),
        ),
      );
    }
  }

  private async readLoop(): Promise<void> {
    while (this.running) {
      try {
        await this.connection.whenReady();
        if (!this.running) break;
        if (this.needsEnsure) await this.ensureGroups();
        if (![...this.groups.values()].some((g) => g.streams.length > 0)) {
          await sleep(50);
          continue;
        }
        if (this.recoverPending) await this.drainOwnPending();
        await this.drain();
        await this.settleCursors();
        if (this.reclaimed.length > 0 || !this.running) continue;
        await this.wake();
      } catch (error) {
        await this.onReadError(error);
      }
    }
  }

  private async onReadError(error: unknown): Promise<void> {
    this.needsEnsure = true;
    this.recoverPending = true;
    if (isConnectionError(error)) return;
    if (isLoading(error)) return sleep(100);
    this.counters.failedReads++;
    if (isNoGroup(error)) {
      this.logger.warn(
        { lane: this.connection.lane },
        'consumer group lost (NOGROUP): re-creating from id 0',
      );
      return;
    }
    this.logger.error({ lane: this.connection.lane, err: errorText(error) }, 'bus read failed');
    await sleep(100);
  }

  /** Known groups lost since (restart without persistence, FLUSHALL) are re-created from 0: nothing missed. */
  private async ensureGroups(): Promise<void> {
    this.needsEnsure = false;
    // Ids restart after a lost stream: old cursors could hide new entries from the wake-up read.
    this.cursors.clear();
    const pairs = [...this.groups.values()].flatMap((group) =>
      group.streams.map((stream) => [group, stream] as const),
    );
    await this.ensure(pairs).catch((error: unknown) => {
      this.needsEnsure = true;
      throw error;
    });
  }

  /** XGROUP CREATE … MKSTREAM for each pair: from $ the first time, from 0 when a known group was lost. */
  private async ensure(pairs: ReadonlyArray<readonly [ConsumerGroup, string]>): Promise<void> {
    const work: Promise<void>[] = [];
    for (const [group, stream] of pairs) {
      const recreate = group.known.has(stream);
      const args = ['XGROUP', 'CREATE', stream, group.name, recreate ? '0' : '$', 'MKSTREAM'];
      work.push(
        this.connection.commands.sendCommand(args).then(
          (): void => {
            group.known.add(stream);
            if (recreate) {
              this.counters.groupRecreations++;
              this.logger.warn(
                { group: group.name, stream },
                'ALERT: consumer group was lost and is re-created from id 0',
              );
            }
          },
          (error: unknown): void => {
            if (!isBusyGroup(error)) throw error;
            group.known.add(stream);
          },
        ),
      );
    }
    const results = await Promise.allSettled(work);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Reads this consumer's own pending entries (id 0, then after the last seen) and handles them in order. */
  private async drainOwnPending(): Promise<void> {
    const after = new Map<string, string>();
    const cursor = (group: ConsumerGroup, stream: string) => `${group.name}\u0000${stream}`;
    for (;;) {
      const reads = [...this.groups.values()]
        .filter((group) => group.streams.length > 0)
        .map((group) => ({ group, streams: group.streams }));
      const batches = await this.readGroups(
        reads,
        (group, stream) => after.get(cursor(group, stream)) ?? '0',
      );
      if (batches.length === 0) break;
      for (const { group, stream, entries } of batches) after.set(cursor(group, stream), entries.at(-1)!.id);
      batches.sort((a, b) => rankOfStream(a.stream) - rankOfStream(b.stream));
      for (const batch of batches) await this.handleBatch(batch);
    }
    this.recoverPending = false;
  }

  /** Binary codecs need stream replies as Buffers (every read of entries uses these options). */
  readOptions() {
    return this.binary ? { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } } : undefined;
  }

  /**
   * Reads until nothing is left. NORMAL and LOW streams are read in rounds, the next requested
   * before the current one is handled, so Redis and the network work while handlers run (measured:
   * the reader sat idle ~18% of the time without this). HIGH and above are read only by the urgent
   * reads (one in flight at a time, so their order is kept), at every round and between chunks of
   * a backlog.
   */
  private async drain(): Promise<void> {
    this.readUrgent();
    let next = this.readRound(BACKLOG_MIN_RANK, LOWEST_RANK);
    for (;;) {
      const batches = await next;
      await this.probe;
      this.rethrowProbeError();
      const extra = this.reclaimed.splice(0).concat(this.urgent.splice(0));
      if (batches.length === 0 && extra.length === 0) return;
      this.readUrgent();
      next =
        batches.length > 0 && this.running
          ? this.readRound(BACKLOG_MIN_RANK, LOWEST_RANK)
          : Promise.resolve([]);
      // A rejected prefetch is reported when awaited; do not let it surface as unhandled meanwhile.
      next.catch(() => undefined);
      // Stable sort: urgent batches keep their arrival order within a priority.
      const all = extra.concat(batches).sort((a, b) => rankOfStream(a.stream) - rankOfStream(b.stream));
      for (const batch of all) await this.handleBatch(batch);
    }
  }

  /**
   * Between chunks of a NORMAL/LOW backlog: serve what the urgent read brought, and start another
   * every PROBE_INTERVAL_MS, so a FLASH_CRASH message waits for at most a chunk or two.
   */
  private async serveUrgent(): Promise<void> {
    // Handlers run synchronously: without a turn of the event loop the urgent reply is never read.
    if (this.probing) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const batch of this.urgent.splice(0)) await this.handleBatch(batch);
    if (performance.now() - this.lastProbe >= PROBE_INTERVAL_MS) this.readUrgent();
  }

  /** Reads the HIGH+ streams on the command connection, unless such a read is already in flight. */
  private readUrgent(): void {
    if (this.probing || !this.running) return;
    this.lastProbe = performance.now();
    this.probing = true;
    this.probe = this.readRound(0, PROBE_MAX_RANK, this.connection.commands)
      .then(
        (batches) => void this.urgent.push(...batches),
        (error: unknown) => {
          this.probeError = error;
        },
      )
      .finally(() => {
        this.probing = false;
      });
  }

  private rethrowProbeError(): void {
    const error = this.probeError;
    this.probeError = null;
    if (error !== null) throw error;
  }

  /** One round: every group reads each of its streams once (non-blocking). */
  private async readRound(
    minRank: number,
    maxRank: number,
    client = this.connection.reader,
  ): Promise<Batch[]> {
    const reads = [...this.groups.values()]
      .map((group) => ({
        group,
        streams: group.streams.filter((s) => rankOfStream(s) >= minRank && rankOfStream(s) <= maxRank),
      }))
      .filter((read) => read.streams.length > 0);
    const batches = await this.readGroups(reads, () => '>', client);
    for (const { stream, entries } of batches)
      this.deliveredMax.set(stream, maxStreamId(this.deliveredMax.get(stream), entries.at(-1)!.id));
    return batches;
  }

  /** One XREADGROUP per group over its streams, from the id `idOf` gives each (`>` = new entries). */
  private async readGroups(
    reads: readonly { group: ConsumerGroup; streams: readonly string[] }[],
    idOf: (group: ConsumerGroup, stream: string) => string,
    client = this.connection.reader,
  ): Promise<Batch[]> {
    const replies = await Promise.all(
      reads.map(({ group, streams }) =>
        client.sendCommand(
          [
            'XREADGROUP',
            'GROUP',
            group.name,
            this.consumerName,
            'COUNT',
            this.entriesPerRead,
            'STREAMS',
            ...streams,
            ...streams.map((stream) => idOf(group, stream)),
          ],
          this.readOptions(),
        ),
      ),
    );
    const batches: Batch[] = [];
    reads.forEach(({ group }, i) => {
      for (const { stream, entries } of parseStreamsReply(replies[i]))
        if (entries.length > 0) batches.push({ group, stream, entries });
    });
    return batches;
  }

  private async handleBatch({ group, stream, entries }: Batch): Promise<number> {
    const acks: string[] = [];
    const interruptible = rankOfStream(stream) > PROBE_MAX_RANK;
    for (let i = 0; i < entries.length; i++) {
      // Only a batch longer than one chunk is a backlog worth probing past (none at low rates).
      if (interruptible && i > 0 && i % CHUNK_ENTRIES === 0) await this.serveUrgent();
      const entry = entries[i]!;
      const result = this.processor.process(group, stream, entry);
      if ((result instanceof Promise ? await result : result) === 'ack') acks.push(entry.id);
    }
    if (acks.length > 0) this.acks.ack(group.name, stream, acks);
    return entries.length;
  }

  private async wake(): Promise<void> {
    const streams = [...new Set([...this.groups.values()].flatMap((g) => g.streams))];
    // The last subscription can go while a round runs: then there is nothing to wait for.
    if (streams.length === 0) return sleep(50);
    const control = this.connection.controlKey;
    streams.push(control);
    const reply = await this.connection.reader.sendCommand(
      [
        'XREAD',
        'COUNT',
        '1',
        'BLOCK',
        String(this.config.blockMs),
        'STREAMS',
        ...streams,
        ...streams.map((s) => this.cursors.get(s) ?? '0-0'),
      ],
      this.readOptions(),
    );
    for (const { stream, entries } of parseStreamsReply(reply)) {
      const id = entries[0]?.id;
      if (id === undefined) continue;
      if (stream !== control) this.woken.set(stream, id);
      this.cursors.set(stream, maxStreamId(this.cursors.get(stream), id));
    }
  }

  /**
   * After an empty round every group has read everything present, so the wake cursor may move to
   * the last id delivered here. Entries another instance took are invisible here: for those
   * streams the cursor moves to the groups' last-delivered-id instead (else we would wake again).
   */
  private async settleCursors(): Promise<void> {
    for (const [stream, id] of this.deliveredMax)
      this.cursors.set(stream, maxStreamId(this.cursors.get(stream), id));
    const unexplained = [...this.woken].filter(([stream, id]) => {
      const delivered = this.deliveredMax.get(stream);
      return delivered === undefined || compareStreamIds(delivered, id) < 0;
    });
    this.woken.clear();
    this.deliveredMax.clear();
    await Promise.all(unexplained.map(([stream]) => this.settleFromGroups(stream)));
  }

  private async settleFromGroups(stream: string): Promise<void> {
    const ours = new Set(
      [...this.groups.values()].filter((g) => g.streams.includes(stream)).map((g) => g.name),
    );
    const reply = (await this.connection.commands.sendCommand(['XINFO', 'GROUPS', stream])) as unknown[][];
    let lowest: string | undefined;
    for (const info of reply ?? []) {
      const fields = new Map<string, unknown>();
      for (let i = 0; i + 1 < info.length; i += 2) fields.set(text(info[i]), info[i + 1]);
      if (!ours.has(text(fields.get('name')))) continue;
      const last = text(fields.get('last-delivered-id'));
      if (lowest === undefined || compareStreamIds(last, lowest) < 0) lowest = last;
    }
    if (lowest !== undefined) this.cursors.set(stream, maxStreamId(this.cursors.get(stream), lowest));
  }
}
