import type { Logger } from '../../core/logger.ts';
import type { LaneConnection } from './lane-connection.ts';
import { errorText } from './redis-errors.ts';

/** How long stop() waits for acks held until the handlers' publishes are confirmed. */
const ACK_WAIT_AT_STOP_MS = 5_000;

/**
 * Acks handled entries once what the handlers published is confirmed by Redis: a process killed
 * in between leaves the input pending (redelivered), never an acked input whose outputs died in
 * its buffer. While held, the entries are re-claimed by this consumer every claimIdleMs / 2
 * (XCLAIM JUSTID: no delivery counted), so a slow confirmation, e.g. the other bus unreachable,
 * neither hands them to another consumer nor counts toward dead-lettering.
 */
export class SettledAcks {
  private readonly held = new Map<string, Set<string>>();
  private readonly acking = new Set<Promise<void>>();
  private refresh: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: LaneConnection,
    private readonly consumerName: string,
    private readonly claimIdleMs: number,
    /** Resolves when every message this process published so far is confirmed (all lanes). */
    private readonly outputsSettled: () => Promise<void>,
    private readonly logger: Logger,
  ) {}

  ack(group: string, stream: string, ids: string[]): void {
    const key = `${group}\u0000${stream}`;
    const held = this.held.get(key) ?? new Set<string>();
    this.held.set(key, held);
    for (const id of ids) held.add(id);
    if (!this.refresh) {
      this.refresh = setInterval(() => this.reclaimHeld(), Math.max(100, this.claimIdleMs / 2));
      this.refresh.unref();
    }
    const acked = this.outputsSettled().then(() => {
      for (const id of ids) held.delete(id);
      if (held.size === 0) this.held.delete(key);
      return this.connection.commands.sendCommand(['XACK', stream, group, ...ids]).then(
        () => undefined,
        (error: unknown) =>
          this.logger.warn({ stream, err: errorText(error) }, 'XACK failed; entries will be reclaimed'),
      );
    });
    this.acking.add(acked);
    void acked.finally(() => this.acking.delete(acked));
  }

  /** Lets the held acks go out before the connection closes (bounded: a lane that never comes back leaves them pending). */
  async stop(): Promise<void> {
    await Promise.race([
      Promise.all(this.acking),
      new Promise((resolve) => setTimeout(resolve, ACK_WAIT_AT_STOP_MS).unref()),
    ]);
    clearInterval(this.refresh);
    this.refresh = undefined;
  }

  private reclaimHeld(): void {
    if (this.held.size === 0) {
      clearInterval(this.refresh);
      this.refresh = undefined;
      return;
    }
    if (!this.connection.commands.isReady) return;
    for (const [key, ids] of this.held) {
      const [group, stream] = key.split('\u0000') as [string, string];
      void this.connection.commands
        .sendCommand(['XCLAIM', stream, group, this.consumerName, '0', ...ids, 'JUSTID'])
        .catch(() => undefined);
    }
  }
}
