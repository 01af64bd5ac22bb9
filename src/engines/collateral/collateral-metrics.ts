import { Gauge, type Registry } from 'prom-client';

/** One account's margin figures as decimal strings (the engine's `/margin` status rows). */
export interface AccountMargin {
  account: string;
  equity: string;
  requirement: string;
  excess: string;
  call: string;
}

type Field = Exclude<keyof AccountMargin, 'account'>;

const GAUGES: readonly [name: string, help: string, field: Field][] = [
  ['nautilus_collateral_equity', 'Account equity used for margin, per account', 'equity'],
  ['nautilus_collateral_requirement', 'Maintenance margin requirement, per account', 'requirement'],
  [
    'nautilus_collateral_excess',
    'Margin excess (equity - requirement) per account; negative means a deficit',
    'excess',
  ],
  ['nautilus_collateral_call', 'Margin call amount (the deficit, 0 when none), per account', 'call'],
];

/**
 * Collateral's /metrics, computed from the margin book when Prometheus scrapes (exact amounts
 * become floats only here). A new engine on the same registry replaces the previous one's series.
 */
export function registerCollateralMetrics(registry: Registry, accounts: () => AccountMargin[]): void {
  for (const [name, help, field] of GAUGES) {
    registry.removeSingleMetric(name);
    new Gauge({
      name,
      help,
      labelNames: ['account'],
      registers: [registry],
      collect() {
        this.reset();
        for (const row of accounts()) this.set({ account: row.account }, Number(row[field]));
      },
    });
  }
}
