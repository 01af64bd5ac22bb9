import { createClient } from 'redis';
import { NautilusError } from '../../core/errors.ts';
import { redactUrl } from '../../core/logger.ts';
import type { BusConfig } from '../bus-config.ts';
import { redisClientOptions } from './redis-client-options.ts';
import { text } from './stream-ids.ts';

/** A slot range and the master serving it, as `CLUSTER SHARDS` reports it. */
export interface SlotRange {
  start: number;
  end: number;
  host: string;
  port: number;
  /** Present when the node serves TLS (`tls-port`); used for `rediss://` seeds. */
  tlsPort: number | null;
}

const SEED_TIMEOUT_MS = 5_000;

function fields(flat: unknown): Map<string, unknown> {
  const map = new Map<string, unknown>();
  const list = Array.isArray(flat) ? flat : [];
  for (let i = 0; i + 1 < list.length; i += 2) map.set(text(list[i]), list[i + 1]);
  return map;
}

/**
 * Parses a RESP2 `CLUSTER SHARDS` reply: per shard, `slots` (flat start/end pairs) and `nodes`
 * (flat field lists). Only the online master of each shard is kept: the bus reads and writes there.
 */
export function parseClusterShards(reply: unknown): SlotRange[] {
  if (!Array.isArray(reply)) throw new TypeError('unexpected CLUSTER SHARDS reply: not an array');
  const ranges: SlotRange[] = [];
  for (const shard of reply) {
    const info = fields(shard);
    const master = ((info.get('nodes') as unknown[]) ?? [])
      .map(fields)
      .find((node) => text(node.get('role')) === 'master' && text(node.get('health')) === 'online');
    if (!master) continue;
    const endpoint = text(master.get('endpoint') ?? '');
    // `?` or empty: the node does not know its preferred endpoint (cluster-announce); use its ip.
    const host = endpoint && endpoint !== '?' ? endpoint : text(master.get('ip'));
    const tls = master.get('tls-port');
    const slots = ((info.get('slots') as unknown[]) ?? []).map(Number);
    for (let i = 0; i + 1 < slots.length; i += 2) {
      ranges.push({
        start: slots[i]!,
        end: slots[i + 1]!,
        host,
        port: Number(master.get('port')),
        tlsPort: tls === undefined ? null : Number(tls),
      });
    }
  }
  return ranges.sort((a, b) => a.start - b.start);
}

/** The URL of the master serving `slot`: the seed's scheme and credentials, the owner's host and port. */
export function ownerUrl(ranges: readonly SlotRange[], slot: number, seed: string): string {
  const range = ranges.find((r) => slot >= r.start && slot <= r.end);
  if (!range)
    throw new NautilusError('BUS_UNAVAILABLE', `Redis Cluster: no online master serves slot ${slot}`);
  const url = new URL(seed);
  url.hostname = range.host.includes(':') ? `[${range.host}]` : range.host;
  const tls = url.protocol === 'rediss:';
  if (tls && range.tlsPort === null)
    throw new NautilusError(
      'CONFIG_INVALID',
      `Redis Cluster: seed ${redactUrl(seed)} is rediss:// but the node serving slot ${slot} has no tls-port`,
    );
  url.port = String(tls ? range.tlsPort : range.port);
  return url.toString();
}

/**
 * Asks the seeds in order for the slot map; the first that answers wins. Run once at start: a
 * slot that moves later is not followed (see MOVED in ShardSet).
 */
export async function fetchSlotRanges(
  seeds: readonly string[],
  security: Pick<BusConfig, 'tls' | 'credentialsFile'>,
): Promise<{ seed: string; ranges: SlotRange[] }> {
  const failures: string[] = [];
  for (const seed of seeds) {
    // Same TLS and credentials as the shard connections; one attempt per seed, then the next.
    const options = redisClientOptions({
      connection: 'marketData',
      url: seed,
      bus: security,
      commandTimeoutMs: SEED_TIMEOUT_MS,
      backoff: { baseMs: 0, maxExponent: 0, capMs: 0 },
    });
    const client = createClient({
      ...options,
      RESP: 2,
      socket: { ...options.socket, connectTimeout: SEED_TIMEOUT_MS, reconnectStrategy: false },
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return { seed, ranges: parseClusterShards(await client.sendCommand(['CLUSTER', 'SHARDS'])) };
    } catch (error) {
      failures.push(`${redactUrl(seed)}: ${(error as Error).message}`);
    } finally {
      if (client.isOpen) client.destroy();
    }
  }
  throw new NautilusError(
    'BUS_UNAVAILABLE',
    `no Redis Cluster seed answered CLUSTER SHARDS (${failures.join('; ') || 'no seeds given'})`,
  );
}
