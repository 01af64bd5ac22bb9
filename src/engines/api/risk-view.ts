import type { Nanos } from '../../domain/time.ts';

export interface AlertView {
  kind: string;
  severity: string;
  message: string;
  symbol?: string;
  tsNs: Nanos;
  topic: string;
}

export const MAX_ALERTS = 100;

type Payload = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** risk.alert, toxicity.alert and margin.alert in one shape. */
export function alertOf(topic: string, payload: Payload, tsNs: Nanos): AlertView {
  const symbol = str(payload.symbol);
  const base = { tsNs, topic, ...(symbol ? { symbol } : {}) };
  if (topic.startsWith('toxicity.alert.')) {
    const level = str(payload.level) ?? 'warning';
    const cdf = typeof payload.cdf === 'number' ? ` (CDF ${payload.cdf.toFixed(3)})` : '';
    return {
      ...base,
      kind: 'toxicity',
      severity: level,
      message: `VPIN ${String(payload.vpin)}${cdf} on ${symbol}`,
    };
  }
  if (topic.startsWith('margin.alert.')) {
    const status = str(payload.status) ?? 'margin';
    return {
      ...base,
      kind: 'margin',
      severity: status === 'margin-call' ? 'critical' : 'info',
      message: `${status} on account ${String(payload.account)}`,
    };
  }
  return {
    ...base,
    kind: str(payload.kind) ?? 'risk',
    severity: str(payload.severity) ?? 'warning',
    message: str(payload.message) ?? topic,
  };
}

/** Trading state, latest risk metrics and recent alerts, from risk.*, portfolio.risk.* and alerts. */
export class RiskView {
  tradingState: { state: string; reason: string } | null = null;
  private readonly metrics = new Map<string, { value: number; tsNs: Nanos }>();
  private readonly alerts: AlertView[] = [];

  applyMetric(payload: Payload, tsNs: Nanos): void {
    const name = str(payload.name);
    if (name && typeof payload.value === 'number') this.metrics.set(name, { value: payload.value, tsNs });
  }

  addAlert(alert: AlertView): void {
    this.alerts.push(alert);
    if (this.alerts.length > MAX_ALERTS) this.alerts.shift();
  }

  metricsByName(): Record<string, { value: number; tsNs: Nanos }> {
    return Object.fromEntries([...this.metrics].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Newest first. */
  recentAlerts(limit = MAX_ALERTS): AlertView[] {
    return this.alerts.slice(-limit).reverse();
  }
}
