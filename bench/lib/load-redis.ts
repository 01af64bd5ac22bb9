import { withRedis } from '../../src/chaos/redis-stats.ts';
import { NautilusError } from '../../src/core/errors.ts';

/**
 * Entries ever appended to the streams under `prefix` on one Redis (XINFO STREAM entries-added,
 * which trimming does not lower): the server's own count of what the buses wrote. An entry holds
 * 1-16 messages published together, so messages per entry is the batching the bus achieved.
 */
export async function streamEntriesAdded(url: string, prefix: string): Promise<number> {
  return withRedis(url, async (client) => {
    let total = 0;
    for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, TYPE: 'stream', COUNT: 1000 })) {
      for (const key of keys) {
        const added = Number((await client.xInfoStream(key))['entries-added']);
        if (!Number.isFinite(added)) {
          throw new NautilusError(
            'INTERNAL',
            `${url} ${key}: XINFO STREAM has no entries-added (Redis < 7?)`,
          );
        }
        total += added;
      }
    }
    return total;
  });
}
