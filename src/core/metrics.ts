import { collectDefaultMetrics, Registry } from 'prom-client';

/** One prom-client registry per process, shared by its engines (labels tell them apart). */
export function createMetricsRegistry(defaultLabels: Record<string, string> = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels(defaultLabels);
  collectDefaultMetrics({ register: registry, prefix: 'nautilus_process_' });
  return registry;
}
