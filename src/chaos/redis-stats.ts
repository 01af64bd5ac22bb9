import { createClient } from 'redis';

type Client = ReturnType<typeof connectTo>;

const connectTo = (url: string) =>
  createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 2_000 } });

export interface XreadgroupStats {
  calls: number;
  failed: number;
  rejected: number;
}

/** `cmdstat_xreadgroup` of INFO commandstats; zeros when no XREADGROUP ran since the last restart. */
export function parseXreadgroupStats(info: string): XreadgroupStats {
  const line = info.split(/\r?\n/).find((l) => l.startsWith('cmdstat_xreadgroup:'));
  const field = (name: string) => Number(line?.match(new RegExp(`${name}=(\\d+)`))?.[1] ?? 0);
  return { calls: field('calls'), failed: field('failed_calls'), rejected: field('rejected_calls') };
}

/** Short-lived connections to one Redis: the campaign reads counters, never the bus's own clients. */
export async function withRedis<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = connectTo(url);
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.close().catch(() => client.destroy());
  }
}

export async function xreadgroupStats(url: string): Promise<XreadgroupStats> {
  return withRedis(url, async (client) => parseXreadgroupStats(await client.info('commandstats')));
}

/** Dead letters on a lane by reason (the reason's text up to the first colon). */
export async function deadLettersByReason(url: string, key: string): Promise<Map<string, number>> {
  return withRedis(url, async (client) => {
    const byReason = new Map<string, number>();
    const entries = await client.xRange(key, '-', '+');
    for (const { message } of entries ?? []) {
      const reason = String(message.reason ?? '').split(':')[0]!;
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    }
    return byReason;
  });
}

export interface BusServerStats {
  usedCpuSeconds: number;
  connectedClients: number;
  usedMemoryBytes: number;
  totalCommands: number;
}

export async function busServerStats(url: string): Promise<BusServerStats> {
  return withRedis(url, async (client) => {
    const info = await client.info();
    const field = (name: string) => Number(info.match(new RegExp(`^${name}:([\\d.]+)`, 'm'))?.[1] ?? 0);
    return {
      usedCpuSeconds: field('used_cpu_sys') + field('used_cpu_user'),
      connectedClients: field('connected_clients'),
      usedMemoryBytes: field('used_memory'),
      totalCommands: field('total_commands_processed'),
    };
  });
}
