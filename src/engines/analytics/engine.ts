import { type RunMetrics, runMetrics } from '../../analytics/performance/equity-metrics.ts';
import type { Envelope } from '../../domain/envelope.ts';
import type { Nanos } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import { Engine } from '../engine.ts';
import type { AnalyticsConfig } from './manifest.ts';

interface Account {
  startingCapital: number;
  curve: { tsNs: Nanos; equity: number }[];
  updates: number;
  latest: RunMetrics | undefined;
}

/**
 * Performance of each account from its `portfolio.update` equity (empyrical conventions on the
 * daily closes: Sharpe, Sortino, drawdown, Calmar, annual return and volatility), published as
 * `analytics.result.performance` every `every` updates.
 */
export class AnalyticsEngine extends Engine<AnalyticsConfig> {
  private readonly accounts = new Map<string, Account>();

  async onStart(): Promise<void> {
    await this.ctx.bus.subscribe(topics.pattern('portfolio.update'), (envelope) =>
      this.onPortfolio(envelope),
    );
  }

  override onStop(): void {
    for (const [name, account] of this.accounts) this.publish(name, account, this.ctx.clock.nowNs());
  }

  override healthDetail(): string {
    const parts = [...this.accounts].map(([name, { latest }]) =>
      latest
        ? `${name}: return ${(latest.totalReturn * 100).toFixed(2)}%, max drawdown ${(latest.maxDrawdown * 100).toFixed(2)}%`
        : `${name}: collecting`,
    );
    return parts.join('; ') || 'waiting for portfolio updates';
  }

  private onPortfolio(envelope: Envelope): void {
    const {
      account: name,
      equity,
      startingCapital,
    } = envelope.payload as {
      account: string;
      equity?: unknown;
      startingCapital?: unknown;
    };
    if (typeof equity !== 'number' || !Number.isFinite(equity)) return;
    let account = this.accounts.get(name);
    if (!account) {
      const start = typeof startingCapital === 'number' && startingCapital > 0 ? startingCapital : equity;
      account = { startingCapital: start, curve: [], updates: 0, latest: undefined };
      this.accounts.set(name, account);
    }
    account.curve.push({ tsNs: envelope.eventTimeNs, equity });
    if (++account.updates % this.ctx.config.every === 0) this.publish(name, account, envelope.eventTimeNs);
  }

  private publish(name: string, account: Account, tsNs: Nanos): void {
    if (account.curve.length === 0) return;
    account.latest = runMetrics(account.startingCapital, account.curve, []).metrics;
    const finite = Object.fromEntries(
      Object.entries(account.latest).map(([key, value]) => [key, Number.isFinite(value) ? value : null]),
    );
    this.ctx.bus.publish({
      topic: topics.analytics.result('performance'),
      payload: { kind: 'performance', account: name, ...finite, tsNs },
      eventTimeNs: tsNs,
    });
  }
}
