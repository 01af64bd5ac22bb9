import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createClient } from 'redis';
import type { RedisServer } from '../../src/testing/redis-server.ts';

const run = promisify(execFile);

/** `redis-benchmark` pipelined XADD (50 clients, 64 deep): what the server takes at best. */
export async function redisBenchmarkXadd(server: RedisServer, requests: number): Promise<number> {
  const key = 'bench:redis-benchmark';
  const { stdout } = await run(
    'redis-benchmark',
    [
      '-h',
      '127.0.0.1',
      '-p',
      String(server.port),
      '-n',
      String(requests),
      '-P',
      '64',
      '-q',
      'XADD',
      key,
      '*',
      'f',
      'v',
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  await server.cli(['DEL', key]);
  // `-q` prints progress lines ending in \r, then "XADD ...: 123456.79 requests per second, p50=..."
  const match = /([\d.]+) requests per second/.exec(stdout.split('\r').pop() ?? '');
  if (!match) throw new Error(`unexpected redis-benchmark output: ${stdout.slice(-300)}`);
  return Number(match[1]);
}

/**
 * One node-redis client writing bus-shaped entries (fields t and d, MAXLEN ~) with its explicit
 * pipeline (`execAsPipeline`, 1,000 per batch): the client library alone, without any bus logic.
 */
export async function nodeRedisXadd(
  url: string,
  entries: number,
  topic: string,
  data: string,
): Promise<number> {
  const key = 'bench:node-redis';
  const client = createClient({ url });
  await client.connect();
  try {
    const batch = 1_000;
    const started = process.hrtime.bigint();
    for (let sent = 0; sent < entries; sent += batch) {
      const pipeline = client.multi();
      for (let i = 0; i < batch; i++)
        pipeline.addCommand(['XADD', key, 'MAXLEN', '~', '100000', '*', 't', topic, 'd', data]);
      await pipeline.execAsPipeline();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await client.sendCommand(['DEL', key]);
    return entries / seconds;
  } finally {
    client.destroy();
  }
}
