import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type RedisServer, startRedisServers } from './redis-server.ts';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const READY_TIMEOUT_MS = 20_000;

/**
 * A throwaway Redis Cluster of `size` masters (no replicas) on 127.0.0.1: each node is a
 * RedisServer (own port, temp dir holding its nodes.conf, watchdog), joined with
 * `redis-cli --cluster create`, which splits the 16384 slots evenly in node order.
 */
export class RedisCluster {
  private constructor(readonly nodes: RedisServer[]) {}

  static async start(size = 3): Promise<RedisCluster> {
    const nodes = await startRedisServers(size, { extraArgs: ['--cluster-enabled', 'yes'] });
    const cluster = new RedisCluster(nodes);
    try {
      await run(
        'redis-cli',
        [
          '--cluster',
          'create',
          ...nodes.map((n) => `127.0.0.1:${n.port}`),
          '--cluster-replicas',
          '0',
          '--cluster-yes',
        ],
        { timeout: READY_TIMEOUT_MS },
      );
      await cluster.waitUntilOk();
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** Seed URLs, one per node (a client needs only one that answers). */
  get seeds(): string[] {
    return this.nodes.map((n) => n.url);
  }

  /** The node serving `slot`, from `CLUSTER NODES` (`<id> <ip:port@bus> <flags> ... <slot ranges>`). */
  async nodeOfSlot(slot: number): Promise<RedisServer> {
    for (const line of (await this.nodes[0]!.cli(['CLUSTER', 'NODES'])).trim().split('\n')) {
      const fields = line.split(' ');
      const port = Number(fields[1]?.split('@')[0]?.split(':').at(-1));
      const serves = fields.slice(8).some((range) => {
        const [low, high = low] = range.split('-').map(Number);
        return slot >= low! && slot <= high!;
      });
      const owner = this.nodes.find((n) => n.port === port);
      if (serves && owner) return owner;
    }
    throw new Error(`no node of the cluster serves slot ${slot}`);
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.stop()));
  }

  /** Every node must see the whole cluster (`cluster_state:ok`) before clients use it. */
  private async waitUntilOk(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const states = await Promise.all(this.nodes.map((n) => n.cli(['CLUSTER', 'INFO'])));
      if (states.every((s) => s.includes('cluster_state:ok'))) return;
      if (Date.now() > deadline)
        throw new Error(`Redis Cluster not ok within ${READY_TIMEOUT_MS} ms:\n${states.join('\n')}`);
      await sleep(50);
    }
  }
}
