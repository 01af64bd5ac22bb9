import { Counter, Gauge, type Registry } from 'prom-client';
import type { OrderRouter } from './order-router.ts';

const COUNTERS = {
  routed: 'Orders handed to the venue',
  fills: 'Fills reported by the venue',
  rejections: 'Orders rejected',
  commandsRefused: 'Commands refused without an order event (command_rejected, undecodable, duplicate)',
} as const;

/** Execution's /metrics, read from the router at scrape time. Returns the unregister function. */
export function registerExecutionMetrics(registry: Registry, router: OrderRouter): () => void {
  const counter = 'nautilus_execution_orders_total';
  const gauge = 'nautilus_execution_open_orders';
  new Counter({
    name: counter,
    help: 'Execution engine order counts by kind',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      this.reset();
      for (const kind of Object.keys(COUNTERS) as (keyof typeof COUNTERS)[])
        this.inc({ kind }, router.stats[kind]);
    },
  });
  new Gauge({
    name: gauge,
    help: 'Orders routed and not yet terminal',
    registers: [registry],
    collect() {
      this.set(router.openOrders);
    },
  });
  return () => {
    registry.removeSingleMetric(counter);
    registry.removeSingleMetric(gauge);
  };
}
