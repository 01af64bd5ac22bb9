import { Counter, Gauge, type Registry } from 'prom-client';
import type { DenialCode } from '../../trading/risk/pre-trade-risk.ts';
import type { TradingState } from '../../trading/risk/trading-state.ts';

/** Every reason risk can deny an order: listed up front so each series exists at 0 before the first denial. */
const REASONS: readonly (DenialCode | 'UNKNOWN_INSTRUMENT')[] = [
  'HALTED',
  'REDUCING_ONLY',
  'REDUCE_ONLY_WOULD_INCREASE',
  'MAX_ORDER_NOTIONAL',
  'MAX_POSITION',
  'MAX_ORDER_RATE',
  'PRICE_BAND',
  'NO_REFERENCE_PRICE',
  'UNKNOWN_INSTRUMENT',
];
const STATES: readonly TradingState[] = ['ACTIVE', 'REDUCING', 'HALTED'];

const NAMES = {
  decisions: 'nautilus_risk_orders_total',
  rejections: 'nautilus_risk_rejections_total',
  state: 'nautilus_risk_trading_state',
  measure: 'nautilus_risk_portfolio_measure',
} as const;

/**
 * Risk's /metrics: decisions, rejections by reason, the trading state (one series per state, 1 for
 * the current one, so `nautilus_risk_trading_state{state="ACTIVE"} == 0` alerts), and the last
 * VaR/ES figures. A new engine on the same registry replaces the previous one's series.
 */
export class RiskMetrics {
  private readonly decisions: Counter;
  private readonly rejections: Counter;
  private readonly measures: Gauge;

  constructor(registry: Registry, state: () => TradingState) {
    for (const name of Object.values(NAMES)) registry.removeSingleMetric(name);
    this.decisions = new Counter({
      name: NAMES.decisions,
      help: 'Order submissions checked by risk, by decision (approved, rejected)',
      labelNames: ['decision'],
      registers: [registry],
    });
    this.rejections = new Counter({
      name: NAMES.rejections,
      help: 'Orders rejected by risk, by reason code',
      labelNames: ['reason'],
      registers: [registry],
    });
    for (const decision of ['approved', 'rejected']) this.decisions.inc({ decision }, 0);
    for (const reason of REASONS) this.rejections.inc({ reason }, 0);
    new Gauge({
      name: NAMES.state,
      help: 'Trading state: 1 for the current state (ACTIVE, REDUCING, HALTED), 0 for the others',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const current = state();
        for (const s of STATES) this.set({ state: s }, s === current ? 1 : 0);
      },
    });
    this.measures = new Gauge({
      name: NAMES.measure,
      help: 'Last portfolio VaR / ES risk computed, as a fraction of equity, by name (var_historical, es_parametric, ...)',
      labelNames: ['name'],
      registers: [registry],
    });
  }

  approved(): void {
    this.decisions.inc({ decision: 'approved' });
  }

  rejected(reason: string): void {
    this.decisions.inc({ decision: 'rejected' });
    this.rejections.inc({ reason });
  }

  measure(name: string, value: number): void {
    if (Number.isFinite(value)) this.measures.set({ name }, value);
  }
}
