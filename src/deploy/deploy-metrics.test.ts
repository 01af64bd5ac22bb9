import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBus } from '../bus/memory/memory-bus.ts';
import { parseConfig } from '../core/config/load-config.ts';
import { COMPONENT_STATES } from '../core/lifecycle.ts';
import { LiveClock } from '../core/live-clock.ts';
import { createLogger } from '../core/logger.ts';
import { EngineHost } from '../engines/host/engine-host.ts';
import { exposedMetricNames, type PromSample, parsePromText } from '../testing/prometheus-text.ts';
import { promqlExpressions, selectors } from './deploy-files.ts';

/** Labels Prometheus adds when it scrapes (prometheus.yml), not exported by the engines. */
const SCRAPE_LABELS = new Set(['job', 'instance', 'target_engine', 'exported_instance']);

let host: EngineHost;
let names: Set<string>;
let samples: PromSample[];

// Every engine of the platform in one process on the memory bus, as `npm start` runs them: the
// names the rules and dashboards use must be what this exports.
beforeAll(async () => {
  const config = parseConfig([
    { path: ['engines'], value: ['all'], source: 'test' },
    { path: ['registry', 'heartbeatMs'], value: 50, source: 'test' },
  ]);
  const clock = new LiveClock();
  host = new EngineHost({
    config,
    bus: new MemoryBus({ clock }),
    clock,
    logger: createLogger({ level: 'silent' }),
    ephemeralPorts: true,
  });
  await host.start();
  const response = await host.http('risk').inject({ method: 'GET', url: '/metrics' });
  names = exposedMetricNames(response.body);
  samples = parsePromText(response.body);
});

afterAll(async () => {
  await host?.stop();
});

describe('deploy/ metric names', () => {
  it('every metric of the alert rules and dashboards is exported by the engines', () => {
    const missing = promqlExpressions().flatMap(([where, expr]) =>
      selectors(expr)
        .filter((s) => s.metric !== 'up' && !names.has(s.metric))
        .map((s) => `${where}: ${s.metric}`),
    );
    expect(missing).toEqual([]);
  });

  it('every alert rule and dashboard query selects at least one metric', () => {
    expect(promqlExpressions().filter(([, expr]) => selectors(expr).length === 0)).toEqual([]);
  });

  it('matchers name labels the metric has, and exact values it takes', () => {
    const problems: string[] = [];
    for (const [where, expr] of promqlExpressions()) {
      for (const { metric, matchers } of selectors(expr)) {
        if (metric === 'up') continue;
        const own = samples.filter((s) => s.name === metric);
        for (const { label, op, value } of matchers) {
          if (SCRAPE_LABELS.has(label)) continue;
          // Lifecycle states come and go: check them against the state list instead of a scrape.
          if (metric === 'nautilus_engine_up' && label === 'state') {
            if (!(COMPONENT_STATES as readonly string[]).includes(value))
              problems.push(`${where}: ${metric} state "${value}" is not a lifecycle state`);
            continue;
          }
          if (own.length === 0) continue;
          if (!own.some((s) => label in s.labels)) problems.push(`${where}: ${metric} has no label ${label}`);
          else if (op === '=' && !own.some((s) => s.labels[label] === value))
            problems.push(`${where}: ${metric}{${label}="${value}"} never exported`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the scrape exposes the figures users alert on', () => {
    for (const name of [
      'nautilus_engine_up',
      'nautilus_bus_group_lag',
      'nautilus_bus_group_pending',
      'nautilus_bus_messages_total',
      'nautilus_bus_buffered_messages',
      'nautilus_marketdata_cache_hit_rate',
      'nautilus_marketdata_source_budget_remaining',
      'nautilus_marketdata_subscription_staleness_seconds',
      'nautilus_risk_rejections_total',
      'nautilus_risk_trading_state',
      'nautilus_vpin_cdf',
      'nautilus_collateral_excess',
      'nautilus_event_loop_lag_seconds',
      'nautilus_egress_blocked_total',
    ])
      expect(names, name).toContain(name);
    const value = (name: string, labels: Record<string, string>) =>
      samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        ?.value;
    expect(value('nautilus_risk_trading_state', { state: 'ACTIVE' })).toBe(1);
    expect(value('nautilus_bus_messages_total', { event: 'deadLettered' })).toBe(0);
    expect(value('nautilus_event_loop_lag_seconds', { stat: 'p99' })).toBeGreaterThanOrEqual(0);
    expect(value('nautilus_engine_up', { engine: 'vpin', state: 'running' })).toBe(1);
  });
});
