import type { RedisServer } from '../../src/testing/redis-server.ts';

/** Redis process CPU (user + sys, all threads) in seconds, summed over `servers`. */
export async function cpuSeconds(servers: readonly RedisServer[]): Promise<number> {
  let total = 0;
  for (const server of servers) {
    const cpu = await server.info('cpu');
    total += Number(cpu.used_cpu_user) + Number(cpu.used_cpu_sys);
  }
  return total;
}

/** Client connections a server holds now (the INFO call's own connection included: compare differences). */
export async function connectedClients(server: RedisServer): Promise<number> {
  return Number((await server.info('clients')).connected_clients);
}

export async function commandFailures(
  servers: readonly RedisServer[],
  command: string,
): Promise<{ failed: number; rejected: number }> {
  let failed = 0;
  let rejected = 0;
  for (const server of servers) {
    const stat = (await server.commandStats())[command];
    failed += stat?.failed_calls ?? 0;
    rejected += stat?.rejected_calls ?? 0;
  }
  return { failed, rejected };
}
