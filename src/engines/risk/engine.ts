import { historicalVar, monteCarloVar, parametricVar } from '../../analytics/index.ts';
import { TRADING_ADMIN_ROLE } from '../../bus/bus-auth.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { msToNs, type Nanos } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import type { Store } from '../../store/store.ts';
import { defaultInstrumentRegistry } from '../../trading/instruments/defaults.ts';
import {
  eventOfPayload,
  eventPayload,
  type OrderCommandPayload,
  type OrderEventPayload,
  orderOfCommand,
} from '../../trading/orders/order-messages.ts';
import { parsePreTradeLimits } from '../../trading/risk/pre-trade-limits.ts';
import { PreTradeRisk } from '../../trading/risk/pre-trade-risk.ts';
import {
  type TradingState,
  type TradingStateChange,
  TradingStateMachine,
} from '../../trading/risk/trading-state.ts';
import { Engine } from '../engine.ts';
import type { RiskConfig } from './manifest.ts';
import { RiskBook } from './risk-book.ts';
import { RiskMetrics } from './risk-metrics.ts';
import { RiskPersistence } from './risk-persistence.ts';
import { ToxicityHold } from './toxicity-hold.ts';

const STATES: readonly TradingState[] = ['ACTIVE', 'REDUCING', 'HALTED'];

/** Monte Carlo VaR runs on one in this many VaR computations. */
const MONTE_CARLO_EVERY = 10;

/**
 * Every order command passes here: approved ones go on to `order.approved.<venue>`, denied ones
 * come back as `order.event.rejected.<symbol>` with the reason. Holds the trading state (bus
 * endpoint `trading-state`; any FLASH_CRASH-priority message halts), and publishes portfolio VaR
 * and ES from the equity updates.
 */
export class RiskEngine extends Engine<RiskConfig> {
  private readonly instruments = defaultInstrumentRegistry();
  private readonly book = new RiskBook(this.instruments);
  private readonly state = new TradingStateMachine();
  private readonly metrics = new RiskMetrics(this.ctx.metrics, () => this.state.state);
  private readonly toxicityHold = new ToxicityHold(msToNs(this.ctx.config.toxicityCoolOffMs));
  private risk: PreTradeRisk | undefined;
  private restoredState: TradingStateChange | undefined;
  private persistence: RiskPersistence | undefined;
  private readonly returns: number[] = [];
  private lastEquity: number | undefined;
  private updates = 0;
  private approved = 0;
  private denied = 0;

  async onStart(): Promise<void> {
    const { bus, config } = this.ctx;
    this.risk = new PreTradeRisk(parsePreTradeLimits(config.limits));
    // Instances share the order commands; each one needs every fill, price, equity update,
    // toxicity alert and state change to check them (see README "Several instances").
    const every = { scope: 'instance' } as const;
    await bus.subscribe(topics.pattern('order.command'), (envelope) => this.onCommand(envelope));
    await bus.subscribe(topics.pattern('order.event'), (envelope) => this.onOrderEvent(envelope), every);
    await bus.subscribe(topics.pattern('market_data'), (envelope) => this.onMarketData(envelope), every);
    await bus.subscribe(topics.pattern('portfolio.update'), (e) => this.onPortfolio(e), every);
    await bus.subscribe(topics.pattern('toxicity.alert'), (e) => this.onToxicity(e), every);
    await bus.subscribe(topics.pattern('risk.state'), (e) => this.onPeerState(e), every);
    // With bus.auth enabled only a principal holding trading-admin may change the trading state.
    await bus.endpoint('trading-state', (body) => this.onStateRequest(body), {
      requiredRole: TRADING_ADMIN_ROLE,
    });
    await bus.endpoint('risk-status', () => this.status());
    if (this.ctx.store) await this.restore(this.ctx.store);
  }

  override async onStop(): Promise<void> {
    await this.persistence?.flush();
  }

  /** The trading state (with the change that set it) and the configured limits. */
  status() {
    const last = this.state.history.at(-1);
    return {
      tradingState: {
        state: this.state.state,
        reason: last?.reason ?? 'initial state',
        requestedBy: last?.requestedBy ?? 'risk',
        sinceNs: (last?.tsNs ?? 0n).toString(),
      },
      limits: this.ctx.config.limits,
      onToxicity: this.ctx.config.onToxicity,
      toxicityCoolOffMs: this.ctx.config.toxicityCoolOffMs,
    };
  }

  private async restore(store: Store): Promise<void> {
    const persistence = new RiskPersistence(store, this.ctx.logger);
    this.persistence = persistence;
    const fills = await persistence.restoreBook(this.book);
    const last = await persistence.lastStateChange();
    if (last && last.to !== 'ACTIVE') {
      const change = this.state.request(
        last.to,
        `restored after a restart: ${last.reason}`,
        last.requestedBy,
        this.ctx.clock.nowNs(),
      );
      if (change && last.toxicity) this.toxicityHold.onCritical(last.tsNs, change);
      this.restoredState = change;
    }
    this.ctx.logger.info({ fills, state: this.state.state }, 'risk restored from the store');
  }

  /** A state restored at start is announced once every engine listens. */
  override onHostReady(): void {
    const change = this.restoredState;
    this.restoredState = undefined;
    if (change) this.publishState(change, false);
  }

  override healthDetail(): string {
    return `trading ${this.state.state}; orders approved ${this.approved}, denied ${this.denied}`;
  }

  private onCommand(envelope: Envelope): void {
    if (envelope.priority === 'FLASH_CRASH') this.flashCrash(envelope);
    this.releaseToxicityHold(envelope.eventTimeNs);
    const command = envelope.payload as OrderCommandPayload;
    if (command.action !== 'submit') {
      this.ctx.bus.publish({
        topic: topics.order.approved(this.ctx.config.venue),
        payload: command,
        eventTimeNs: envelope.eventTimeNs,
      });
      return;
    }
    const order = orderOfCommand(command);
    const instrument = this.instruments.find(order.instrumentId);
    const decision = instrument
      ? this.risk!.check(order, {
          state: this.state.state,
          nowNs: envelope.eventTimeNs,
          instrument,
          netPosition: this.book.netPosition(order.instrumentId),
          referencePrice: this.book.referencePrice(order.instrumentId),
        })
      : ({
          approved: false,
          code: 'UNKNOWN_INSTRUMENT',
          reason: `${order.id}: unknown instrument ${order.instrumentId}`,
        } as const);
    if (decision.approved) {
      this.approved++;
      this.metrics.approved();
      this.ctx.bus.publish({
        topic: topics.order.approved(this.ctx.config.venue),
        payload: command,
        eventTimeNs: envelope.eventTimeNs,
      });
      return;
    }
    this.denied++;
    this.metrics.rejected(decision.code);
    this.ctx.logger.warn({ orderId: order.id, code: decision.code }, decision.reason);
    const event = {
      type: 'rejected' as const,
      orderId: order.id,
      reason: decision.reason,
      tsNs: envelope.eventTimeNs,
    };
    this.ctx.bus.publish({
      topic: topics.order.event('rejected', command.symbol),
      payload: eventPayload(order, command.symbol, event, decision.code),
      eventTimeNs: envelope.eventTimeNs,
    });
  }

  private onOrderEvent(envelope: Envelope): void {
    const payload = envelope.payload as OrderEventPayload;
    if (payload.status !== 'filled') return;
    const event = eventOfPayload(payload);
    if (event.type === 'filled') this.book.onFill(payload.instrumentId, payload.side, event.lastQty);
  }

  private onMarketData(envelope: Envelope): void {
    if (envelope.priority === 'FLASH_CRASH') this.flashCrash(envelope);
    this.releaseToxicityHold(envelope.eventTimeNs);
    const data = envelope.payload as {
      kind: string;
      symbol: string;
      price?: number;
      close?: number;
      bid?: number;
      ask?: number;
    };
    const price =
      data.kind === 'trade'
        ? data.price
        : data.kind === 'bar'
          ? data.close
          : data.kind === 'quote'
            ? (data.bid! + data.ask!) / 2
            : undefined;
    if (price !== undefined) this.book.onPrice(data.symbol, price);
  }

  private onPortfolio(envelope: Envelope): void {
    const { equity } = envelope.payload as { equity?: number };
    if (typeof equity !== 'number' || !Number.isFinite(equity)) return;
    if (this.lastEquity !== undefined && this.lastEquity !== 0)
      this.returns.push(equity / this.lastEquity - 1);
    this.lastEquity = equity;
    const { window, every, confidence, horizonDays, monteCarloPaths } = this.ctx.config.var;
    if (this.returns.length > window) this.returns.shift();
    if (++this.updates % every !== 0 || this.returns.length < 20) return;
    const results = [
      historicalVar(this.returns, { confidence, horizonDays }),
      parametricVar(this.returns, { confidence, horizonDays }),
    ];
    // One asset (the account's equity), a fixed seed: the same returns give the same figure. It
    // costs ~40x the closed forms, so it runs on every 10th computation (the first included).
    if (monteCarloPaths > 0 && (this.updates / every) % MONTE_CARLO_EVERY === 1)
      results.push(
        monteCarloVar(
          [1],
          this.returns.map((r) => [r]),
          { confidence, horizonDays, paths: monteCarloPaths, seed: 42 },
        ),
      );
    for (const result of results) {
      for (const [name, value] of [
        [`var_${result.method}`, result.var],
        [`es_${result.method}`, result.es],
      ] as const) {
        this.metrics.measure(name, value);
        this.ctx.bus.publish({
          topic: topics.portfolio.risk(name),
          payload: { name, value, confidence, horizonDays, tsNs: envelope.eventTimeNs },
          eventTimeNs: envelope.eventTimeNs,
        });
      }
    }
  }

  /**
   * A critical toxicity alert (sent with FLASH_CRASH priority) moves trading to `onToxicity`
   * rather than always halting: high VPIN is a probabilistic warning, so REDUCING is the default.
   * It only ever tightens the state; warnings are left to strategies.
   */
  private onToxicity(envelope: Envelope): void {
    const alert = envelope.payload as { symbol: string; level: string; vpin: number; cdf?: number | null };
    if (alert.level !== 'critical' || envelope.priority !== 'FLASH_CRASH') return;
    const target = this.ctx.config.onToxicity;
    if (STATES.indexOf(this.state.state) >= STATES.indexOf(target)) {
      this.toxicityHold.onCritical(envelope.eventTimeNs, undefined);
      return;
    }
    const cdf = typeof alert.cdf === 'number' ? `, CDF ${alert.cdf.toFixed(3)}` : '';
    const change = this.state.request(
      target,
      `critical toxicity: ${alert.symbol} VPIN ${alert.vpin.toFixed(3)}${cdf} from ${envelope.source.engine}`,
      envelope.source.engine,
      envelope.eventTimeNs,
    );
    this.toxicityHold.onCritical(envelope.eventTimeNs, change);
    if (change) this.publishState(change, true);
  }

  /** Back to ACTIVE once a toxicity-imposed state has seen no critical alert for the cool-off. */
  private releaseToxicityHold(tsNs: Nanos): void {
    if (!this.toxicityHold.due(tsNs, this.state.history.at(-1))) return;
    this.toxicityHold.release();
    const minutes = this.ctx.config.toxicityCoolOffMs / 60_000;
    const change = this.state.request(
      'ACTIVE',
      `toxicity cool-off: no critical alert for ${minutes} min`,
      'risk',
      tsNs,
    );
    if (change) this.publishState(change);
  }

  private onStateRequest(body: unknown): { state: TradingState; changed: boolean } {
    const { state, reason, requestedBy } = (body ?? {}) as {
      state?: unknown;
      reason?: unknown;
      requestedBy?: unknown;
    };
    if (!STATES.includes(state as TradingState) || typeof reason !== 'string')
      throw new RangeError('trading-state: expected {state: ACTIVE|REDUCING|HALTED, reason, requestedBy?}');
    // An explicit request owns the state from now on, even one that changes nothing.
    this.toxicityHold.release();
    const change = this.state.request(
      state as TradingState,
      reason,
      String(requestedBy ?? 'unknown'),
      this.ctx.clock.nowNs(),
    );
    if (change) this.publishState(change);
    return { state: this.state.state, changed: change !== undefined };
  }

  /**
   * Another instance changed the trading state (an operator's request reaches one instance): this
   * one follows it. That instance has persisted the change already.
   */
  private onPeerState(envelope: Envelope): void {
    if (envelope.source.instance === this.ctx.instanceId) return;
    const { state, reason } = envelope.payload as { state: TradingState; reason: string };
    this.state.request(state, reason, `risk@${envelope.source.instance}`, envelope.eventTimeNs);
  }

  private flashCrash(envelope: Envelope): void {
    const change = this.state.flashCrash(
      `${envelope.topic} from ${envelope.source.engine}`,
      envelope.eventTimeNs,
    );
    if (change) this.publishState(change);
  }

  private publishState(change: TradingStateChange, toxicity = false): void {
    this.ctx.logger.warn(change, 'trading state changed');
    this.persistence?.recordChange(change, toxicity);
    this.ctx.bus.publish({
      topic: topics.risk.state(),
      payload: { state: change.to, reason: change.reason },
      eventTimeNs: change.tsNs,
      priority: 'URGENT',
    });
  }
}
