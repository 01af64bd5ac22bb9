import { Counter, Gauge, type Registry } from 'prom-client';
import type { BusCounters, MessageBus } from '../../bus/message-bus.ts';
import type { EngineBusCounters } from '../engine-bus.ts';
import type { BusStatusCache } from './bus-status-cache.ts';
import type { HostedEngine } from './hosted-engine.ts';

/** Bus counters that only grow; the rest of BusCounters are levels (gauges). */
const MONOTONIC: ReadonlyArray<keyof BusCounters> = [
  'published',
  'delivered',
  'acked',
  'handlerFailures',
  'deadLettered',
  'duplicatesSkipped',
  'claimed',
  'bufferDropped',
  'groupRecreations',
  'reconnects',
  'failedReads',
];

/**
 * Host metrics, read from the engines and the bus when Prometheus scrapes (nothing on the hot
 * path). Counters kept elsewhere are exported by resetting and re-setting them in `collect`.
 */
export function registerHostMetrics(
  registry: Registry,
  bus: MessageBus,
  engines: readonly HostedEngine[],
  statusCache: BusStatusCache,
): void {
  const perEngine = (name: string, help: string, pick: (c: EngineBusCounters) => number) =>
    new Counter({
      name,
      help,
      labelNames: ['engine'],
      registers: [registry],
      collect() {
        this.reset();
        for (const engine of engines) this.inc({ engine: engine.name }, pick(engine.bus.counters));
      },
    });
  perEngine(
    'nautilus_engine_messages_published_total',
    'Messages published by the engine',
    (c) => c.published,
  );
  perEngine(
    'nautilus_engine_messages_handled_total',
    'Messages the engine handled successfully',
    (c) => c.handled,
  );
  perEngine(
    'nautilus_engine_handler_failures_total',
    "Throws from the engine's handlers",
    (c) => c.handlerFailures,
  );

  new Gauge({
    name: 'nautilus_engine_up',
    help: '1 while the engine is running or degraded, else 0',
    labelNames: ['engine', 'state', 'implemented'],
    registers: [registry],
    collect() {
      this.reset();
      for (const e of engines) {
        const up = e.state === 'running' || e.state === 'degraded' ? 1 : 0;
        this.set({ engine: e.name, state: e.state, implemented: String(e.implemented) }, up);
      }
    },
  });

  new Counter({
    name: 'nautilus_bus_messages_total',
    help: 'Bus counters of this process, by event (published, delivered, acked, deadLettered, ...)',
    labelNames: ['event', 'transport'],
    registers: [registry],
    collect() {
      this.reset();
      const counters = bus.counters();
      for (const event of MONOTONIC) this.inc({ event, transport: bus.transport }, counters[event]);
    },
  });

  new Gauge({
    name: 'nautilus_bus_buffered_messages',
    help: 'Messages held in the local outage buffer',
    labelNames: ['transport'],
    registers: [registry],
    collect() {
      this.set({ transport: bus.transport }, bus.counters().buffered);
    },
  });

  const groupGauge = (name: string, help: string, field: 'lag' | 'pending') =>
    new Gauge({
      name,
      help,
      labelNames: ['engine'],
      registers: [registry],
      async collect() {
        this.reset();
        const status = await statusCache.get();
        for (const engine of engines) {
          const groups = status.lanes.flatMap((lane) => lane.groups).filter((g) => g.group === engine.name);
          if (groups.length === 0) continue;
          this.set(
            { engine: engine.name },
            groups.reduce((sum, g) => sum + (g[field] ?? 0), 0),
          );
        }
      },
    });
  groupGauge('nautilus_bus_group_lag', "Messages not yet delivered to the engine's consumer group", 'lag');
  groupGauge('nautilus_bus_group_pending', 'Messages delivered to the engine but not yet acked', 'pending');
}
