import type { FastifyInstance } from 'fastify';
import type { Envelope } from '../../domain/envelope.ts';
import type { MarketDataPayload, PayloadOf } from '../../domain/payloads.ts';
import { topics } from '../../domain/topics.ts';
import { defaultInstrumentRegistry } from '../../trading/instruments/defaults.ts';
import type { OrderCommandPayload, OrderEventPayload } from '../../trading/orders/order-messages.ts';
import { Engine, type EngineContext } from '../engine.ts';
import { EngineHeartbeats } from './engine-heartbeats.ts';
import { registerApiPlugin } from './http/api-plugin.ts';
import type { ApiState } from './http/api-state.ts';
import type { ApiConfig } from './manifest.ts';
import { MarketSnapshots } from './market-snapshots.ts';
import { OrderDesk } from './order-desk.ts';
import { orderCounterStart } from './order-ids.ts';
import { OrderRecords, type OrderView } from './order-records.ts';
import { PositionsView } from './positions-view.ts';
import { alertOf, RiskView } from './risk-view.ts';
import { SignalsView } from './signals-view.ts';
import { storedOrders } from './store-reads.ts';

type Payload = Record<string, unknown>;

/**
 * The dashboard's and users' REST API: read models fed by the bus, orders placed as strategy
 * `api` through risk and execution, and other engines' bus endpoints (quotes, bars, equity curve,
 * trading state, backtests) behind HTTP routes with API keys, roles, CORS, rate limits and OpenAPI.
 */
export class ApiEngine extends Engine<ApiConfig> {
  private readonly state: ApiState;

  constructor(ctx: EngineContext<ApiConfig>) {
    super(ctx);
    const instruments = defaultInstrumentRegistry();
    const orders = new OrderRecords();
    this.state = {
      ctx,
      instruments,
      market: new MarketSnapshots(),
      orders,
      positions: new PositionsView(instruments),
      risk: new RiskView(),
      signals: new SignalsView(),
      heartbeats: new EngineHeartbeats(),
      desk: new OrderDesk({
        bus: ctx.bus,
        clock: ctx.clock,
        instruments,
        answerMs: ctx.config.orderAnswerMs,
        orderOf: (orderId) => this.state.findOrder(orderId),
      }),
      findOrder: async (orderId) => orders.getOrder(orderId) ?? (await this.storedOrder(orderId)),
    };
  }

  async onStart(): Promise<void> {
    const { bus, store, clock } = this.ctx;
    if (store) this.state.positions.seed(await store.read('positions'));
    this.state.desk.open(await orderCounterStart(store, clock.nowNs()));
    const on = (pattern: string, handle: (envelope: Envelope) => void) => bus.subscribe(pattern, handle);
    await on(topics.pattern('market_data'), (e) => this.state.market.apply(e.payload as MarketDataPayload));
    await on(topics.pattern('order.command'), (e) =>
      this.state.orders.applyCommand(e.payload as OrderCommandPayload, e.eventTimeNs),
    );
    await on(topics.pattern('order.event'), (e) => this.onOrderEvent(e));
    await on(topics.pattern('position.change'), (e) =>
      this.state.positions.applyChange(e.payload as PayloadOf<'POSITION_CHANGE'>, e.eventTimeNs),
    );
    await on(topics.pattern('portfolio.update'), (e) => {
      this.state.positions.portfolio = e.payload as Payload;
    });
    await on(topics.pattern('risk.metric'), (e) =>
      this.state.risk.applyMetric(e.payload as Payload, e.eventTimeNs),
    );
    await on(topics.pattern('portfolio.risk'), (e) =>
      this.state.risk.applyMetric(e.payload as Payload, e.eventTimeNs),
    );
    await on(topics.risk.state(), (e) => {
      const { state, reason } = e.payload as PayloadOf<'TRADING_STATE'>;
      this.state.risk.tradingState = { state, reason };
    });
    for (const alerts of ['risk.alert', 'toxicity.alert', 'margin.alert'])
      await on(topics.pattern(alerts), (e) =>
        this.state.risk.addAlert(alertOf(e.topic, e.payload as Payload, e.eventTimeNs)),
      );
    await on(topics.pattern('vpin.calculation'), (e) =>
      this.state.signals.applyVpin(e.payload as Payload, e.eventTimeNs),
    );
    await on(topics.pattern('factor.calculation'), (e) =>
      this.state.signals.applyFactor(e.payload as Payload, e.eventTimeNs),
    );
    await on(topics.pattern('factor.return'), (e) =>
      this.state.signals.applyFactorReturn(e.payload as Payload),
    );
    await on(topics.pattern('engine.health'), (e) =>
      this.state.heartbeats.apply(e.payload as PayloadOf<'ENGINE_HEALTH'>),
    );
  }

  override onStop(): void {
    this.state.desk.close();
  }

  override registerRoutes(app: FastifyInstance, isRunning: () => boolean): void {
    registerApiPlugin(app, this.state, isRunning);
  }

  override healthDetail(): string {
    return `orders in memory ${this.state.orders.size}; store ${this.ctx.store ? 'on' : 'off'}`;
  }

  private onOrderEvent(envelope: Envelope): void {
    const payload = envelope.payload as OrderEventPayload;
    this.state.orders.applyEvent(payload, envelope.eventTimeNs);
    if (payload.status === 'submitted') return;
    const order = this.state.orders.getOrder(payload.orderId);
    this.state.desk.answers.settle({
      orderId: payload.orderId,
      status: order?.status ?? payload.status,
      ...(order?.reason ? { reason: order.reason } : {}),
    });
  }

  private async storedOrder(orderId: string): Promise<OrderView | undefined> {
    const { store } = this.ctx;
    if (!store) return undefined;
    return (await storedOrders(store, this.state.instruments, { status: 'all', limit: 1, orderId }))[0];
  }
}
