import { execFileSync } from 'node:child_process';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, redisTestsEnabled, startRedisServer } from '../testing/redis-server.ts';
import { LoopbackPartition, localPortsOf } from './partition.ts';

function iptablesAvailable(): boolean {
  try {
    execFileSync('iptables', ['-w', '-L', 'INPUT', '-n'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// Under CI the suite always runs: a missing iptables or redis-server fails it.
const enabled = Boolean(process.env.CI) || (redisTestsEnabled() && iptablesAvailable());

describe.runIf(enabled)('LoopbackPartition', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server?.stop());

  it('silences a live connection without closing it, and the same connection works after heal', async () => {
    const client = createClient({ url: `redis://127.0.0.1:${server.port}`, commandOptions: { timeout: 0 } });
    client.on('error', () => undefined);
    await client.connect();
    try {
      expect(localPortsOf(process.pid, server.port)).toHaveLength(1);
      const partition = new LoopbackPartition(process.pid, server.port);
      expect(partition.cut()).toBe(1);
      let answered = false;
      const ping = client.ping().then((reply) => {
        answered = true;
        return reply;
      });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(answered).toBe(false);
      partition.heal();
      // TCP retransmits the PING once packets flow again: no reconnect, no error.
      expect(await ping).toBe('PONG');
      expect(await client.ping()).toBe('PONG');
      expect(execFileSync('iptables', ['-w', '-S', 'INPUT'], { encoding: 'utf8' })).not.toContain(
        String(server.port),
      );
    } finally {
      client.destroy();
    }
  }, 30_000);
});
