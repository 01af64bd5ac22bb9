import {
  createClient,
  type RedisClientType,
  type RedisFunctions,
  type RedisModules,
  type RedisScripts,
} from 'redis';
import type { NautilusError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import { redactUrl } from '../../core/logger.ts';
import type { Lane } from '../../domain/message-types.ts';
import type { BusConfig } from '../bus-config.ts';
import { connectionOfLane, explainFatalRedisError, redisClientOptions } from './redis-client-options.ts';

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
  /** Set when a connection gave up for a reason retrying cannot fix (password, ACL permission). */
  fatalError: NautilusError | undefined;
  private readonly readyWaiters: Array<() => void> = [];
  private readonly listeners: Array<() => void> = [];

  constructor(
    readonly lane: Lane,
    readonly url: string,
    instanceId: string,
    /** This process's wake-up stream on this bus (see unblockReader). */
    readonly controlKey: string,
    private readonly logger: Logger,
    security: Pick<BusConfig, 'tls' | 'credentialsFile'> = { tls: { rejectUnauthorized: true } },
  ) {
    const options = (role: 'commands' | 'reader') => ({
      // Raw replies are parsed as RESP2 arrays (stream replies become maps under RESP3).
      RESP: 2 as const,
      ...redisClientOptions({
        connection: connectionOfLane(lane),
        url,
        bus: security,
        name: `nautilus:${instanceId}:${lane}:${role}`,
        // A per-command timeout would abort healthy blocking reads and costs throughput (measured).
        commandTimeoutMs: 0,
        backoff: { baseMs: 50, maxExponent: 5, capMs: 1_000 },
        onFatal: (error) => {
          this.fatalError ??= error;
        },
      }),
    });
    this.commands = createClient(options('commands')) as Client;
    this.reader = createClient(options('reader')) as Client;
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
    await this.checkPermissions();
  }

  /**
   * An ACL user without rights on the bus keys connects fine and then fails every XADD: one write
   * to this process's control stream (what unblockReader does anyway) finds out at start.
   */
  private async checkPermissions(): Promise<void> {
    try {
      await this.commands.sendCommand(['XADD', this.controlKey, 'MAXLEN', '~', '16', '*', 'wake', '1']);
    } catch (error) {
      const username = (this.commands.options as { username?: string } | undefined)?.username;
      const fatal = explainFatalRedisError(connectionOfLane(this.lane), this.url, error, username);
      if (!fatal) return;
      this.fatalError ??= fatal;
      throw fatal;
    }
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
