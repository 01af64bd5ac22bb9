import {
  createClient,
  type RedisClientType,
  type RedisFunctions,
  type RedisModules,
  type RedisScripts,
} from 'redis';
import type { Logger } from '../../core/logger.ts';
import { redactUrl } from '../../core/logger.ts';
import type { Lane } from '../../domain/message-types.ts';

type Client = RedisClientType<RedisModules, RedisFunctions, RedisScripts, 2>;

/**
 * The two connections a process holds to one bus, whatever number of engines it hosts:
 * `commands` (XADD, XACK, XGROUP, XAUTOCLAIM; auto-pipelined) and `reader` (reads only, so a
 * blocking read never delays a publish). Both reconnect forever with capped backoff; commands
 * issued while offline fail at once (the publisher buffers, the reader waits for `ready`).
 */
export class LaneConnection {
  readonly commands: Client;
  readonly reader: Client;
  reconnects = 0;
  private readonly readyWaiters: Array<() => void> = [];
  private readonly listeners: Array<() => void> = [];

  constructor(
    readonly lane: Lane,
    readonly url: string,
    instanceId: string,
    /** This process's wake-up stream on this bus (see unblockReader). */
    readonly controlKey: string,
    private readonly logger: Logger,
  ) {
    const base = {
      url,
      // Raw replies are parsed as RESP2 arrays (stream replies become maps under RESP3).
      RESP: 2 as const,
      disableOfflineQueue: true,
      // A per-command timeout would abort healthy blocking reads and costs throughput (measured).
      commandOptions: { timeout: 0 },
      socket: { reconnectStrategy: (retries: number) => Math.min(50 * 2 ** Math.min(retries, 5), 1_000) },
    };
    this.commands = createClient({ ...base, name: `nautilus:${instanceId}:${lane}:commands` }) as Client;
    this.reader = createClient({ ...base, name: `nautilus:${instanceId}:${lane}:reader` }) as Client;
    for (const [role, client] of [
      ['commands', this.commands],
      ['reader', this.reader],
    ] as const) {
      client.on('error', (error: Error) =>
        this.logger.warn({ lane, role, err: error.message }, 'bus connection error'),
      );
      client.on('reconnecting', () => {
        if (role === 'commands') this.reconnects++;
      });
      client.on('ready', () => this.onReady(role));
    }
  }

  get endpoint(): string {
    return redactUrl(this.url);
  }

  get ready(): boolean {
    return this.commands.isReady && this.reader.isReady;
  }

  async connect(): Promise<void> {
    await Promise.all([this.commands.connect(), this.reader.connect()]);
  }

  /** Resolves when both connections are ready (immediately if they are). */
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Called on every (re)connection of the command connection: the publisher resumes flushing. */
  onCommandsReady(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * Wakes the reader from its blocking read (new subscription, reclaimed work, stop) by writing to
   * this process's control stream, which every blocking read includes. CLIENT UNBLOCK would do it
   * too, but Redis counts each unblocked read as a failed call.
   */
  async unblockReader(): Promise<void> {
    if (!this.commands.isReady) return;
    await this.commands
      .sendCommand(['XADD', this.controlKey, 'MAXLEN', '~', '16', '*', 'wake', '1'])
      .catch(() => undefined);
  }

  /** Lets anyone waiting for `ready` go (at stop, when the bus may never come back). */
  releaseWaiters(): void {
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  /** Graceful when connected; a client still reconnecting is destroyed (it would wait forever). */
  async close(): Promise<void> {
    this.releaseWaiters();
    if (this.commands.isReady)
      await this.commands.sendCommand(['DEL', this.controlKey]).catch(() => undefined);
    await Promise.all(
      [this.commands, this.reader].map(async (client) => {
        if (!client.isOpen) return;
        if (!client.isReady) return client.destroy();
        await client.close().catch(() => client.destroy());
      }),
    );
  }

  private onReady(role: 'commands' | 'reader'): void {
    if (role === 'commands') for (const listener of this.listeners) listener();
    if (this.ready) for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
}
