import { pino } from 'pino';
import { busConfigSchema } from '../../src/bus/bus-config.ts';
import { createBus } from '../../src/bus/create-bus.ts';
import { LiveClock } from '../../src/core/live-clock.ts';
import { publishPrice } from './bus-pair.ts';

/**
 * A publishing engine in its own process (own event loop and core), driven over IPC by the
 * parent: `{ publish: n }` publishes n more price updates, `{ stop: true }` flushes and exits.
 */
export type PublisherCommand = { publish: number } | { stop: true };

const [marketDataUrl, engineLogicUrl, prefix, codec] = process.argv.slice(2);
const clock = new LiveClock();
const bus = createBus(
  busConfigSchema.parse({ transport: 'redis', marketDataUrl, engineLogicUrl, prefix, codec }),
  {
    clock,
    logger: pino({ level: 'warn' }, pino.destination(2)),
    instanceId: `bench-pub-${process.pid}`,
  },
);
await bus.start();

let sent = 0;
process.on('message', async (command: PublisherCommand) => {
  if ('publish' in command) {
    const tsNs = clock.nowNs();
    for (let end = sent + command.publish; sent < end; sent++) publishPrice(bus, sent, tsNs);
    return;
  }
  await bus.stop();
  process.disconnect();
});
process.send?.('ready');
