/**
 * A consumer in its own process, for the kill-mid-batch fault test. Joins group `worker` on the
 * MarketData bus, handles slowly, and prints each handled id; the test SIGKILLs it mid-batch.
 * argv: marketDataUrl engineLogicUrl prefix handlerDelayMs
 */
import { LiveClock } from '../../core/live-clock.ts';
import { createLogger } from '../../core/logger.ts';
import { busConfigSchema } from '../bus-config.ts';
import { RedisBus } from '../redis/redis-bus.ts';

const [marketDataUrl, engineLogicUrl, prefix, delay] = process.argv.slice(2);
const config = busConfigSchema.parse({
  transport: 'redis',
  marketDataUrl,
  engineLogicUrl,
  prefix,
  claimIdleMs: 60_000,
});
const bus = new RedisBus(config, {
  clock: new LiveClock(),
  logger: createLogger({ level: 'silent' }),
  instanceId: 'doomed-worker',
});
await bus.start();
await bus.subscribe('worker', 'price.*', async (envelope) => {
  await new Promise((resolve) => setTimeout(resolve, Number(delay)));
  process.stdout.write(`handled ${envelope.id}\n`);
});
process.stdout.write('ready\n');
