import type { MessageBus } from '../../src/bus/message-bus.ts';
import type { Clock } from '../../src/core/clock.ts';
import type { Envelope } from '../../src/domain/envelope.ts';
import { topics } from '../../src/domain/topics.ts';
import { Fixed } from '../../src/trading/money/fixed.ts';
import { type OrderEventPayload, submitCommand } from '../../src/trading/orders/order-messages.ts';

export interface DriverCounts {
  trades: number;
  orders: number;
  fills: number;
  rejected: number;
  openOrders: number;
  publishErrors: number;
}

export interface LoadOptions {
  /** Market-data trades per second, spread round-robin over `symbols`. */
  rate: number;
  /** Not instruments, so only the data path (hub consumers, signals) sees them. */
  symbols: readonly string[];
  /** Market orders of 1 AAPL, alternating buy and sell: strategy -> risk -> execution -> fill. */
  ordersPerSecond: number;
}

/** Everything the driver publishes is stamped with this engine name; the probe keeps only those. */
export const LOAD_ENGINE = 'load';
const TICK_MS = 20;
const ORDER_INSTRUMENT = { id: 'AAPL.SIM', symbol: 'AAPL' };
/** Order statuses that end an IOC market order: the submit -> answer latency stops there. */
const FINAL = new Set(['filled', 'rejected', 'canceled', 'expired']);

/** Latency samples in ms, growing in chunks; drain() hands them over and forgets them. */
export class Samples {
  private chunks: Float64Array[] = [];
  private current = new Float64Array(4096);
  private used = 0;

  add(value: number): void {
    if (this.used === this.current.length) {
      this.chunks.push(this.current);
      this.current = new Float64Array(4096);
      this.used = 0;
    }
    this.current[this.used++] = value;
  }

  drain(): number[] {
    const out = [...this.chunks.flatMap((c) => [...c]), ...this.current.subarray(0, this.used)];
    this.chunks = [];
    this.used = 0;
    return out;
  }
}

/**
 * The offered load and its probe, in one process so publish and handling read the same clock:
 * trades at a steady rate (latency: envelope publish time -> the probe group's handler) and market
 * orders (latency: submit -> the order's final event). No ledger of messages is kept (the
 * embedded phase measures this process's memory); samples are drained by the caller.
 */
export class LoadDriver {
  readonly tradeLatency = new Samples();
  readonly orderLatency = new Samples();
  trades = 0;
  orders = 0;
  fills = 0;
  rejected = 0;
  publishErrors = 0;
  private readonly submitted = new Map<string, bigint>();
  private timer: NodeJS.Timeout | undefined;
  private tradeCarry = 0;
  private orderCarry = 0;

  constructor(
    private readonly bus: MessageBus,
    private readonly clock: Clock,
    private readonly options: LoadOptions,
  ) {}

  counts(): DriverCounts {
    const { trades, orders, fills, rejected, publishErrors } = this;
    return { trades, orders, fills, rejected, openOrders: this.submitted.size, publishErrors };
  }

  async start(): Promise<void> {
    const msSince = (ns: bigint) => Number(this.clock.nowNs() - ns) / 1e6;
    await this.bus.subscribe('load-probe', topics.pattern('market_data.trade'), (envelope) => {
      if (envelope.source.engine === LOAD_ENGINE) this.tradeLatency.add(msSince(envelope.publishTimeNs));
    });
    await this.bus.subscribe('load-probe', topics.pattern('order.event'), (envelope) =>
      this.onOrderEvent(envelope as Envelope<OrderEventPayload>, msSince),
    );
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): Promise<void> {
    clearInterval(this.timer);
    return this.bus.flush();
  }

  private onOrderEvent(envelope: Envelope<OrderEventPayload>, msSince: (ns: bigint) => number): void {
    const { orderId, status } = envelope.payload;
    const sentNs = this.submitted.get(orderId);
    if (sentNs === undefined || !FINAL.has(status)) return;
    this.submitted.delete(orderId);
    this.orderLatency.add(msSince(sentNs));
    if (status === 'filled') this.fills++;
    else this.rejected++;
  }

  private tick(): void {
    this.tradeCarry += (this.options.rate * TICK_MS) / 1000;
    this.orderCarry += (this.options.ordersPerSecond * TICK_MS) / 1000;
    try {
      for (; this.tradeCarry >= 1; this.tradeCarry--) this.trade();
      for (; this.orderCarry >= 1; this.orderCarry--) this.order();
    } catch {
      // The bus refused (outage buffer full, policy reject): counted, the load goes on.
      this.publishErrors++;
    }
    // A producer that outruns Redis should wait for its queue now and then (bus contract).
    void this.bus.flush().catch(() => this.publishErrors++);
  }

  private trade(): void {
    const { symbols } = this.options;
    const n = this.trades++;
    const symbol = symbols[n % symbols.length]!;
    const nowNs = this.clock.nowNs();
    this.bus.publish({
      engine: LOAD_ENGINE,
      topic: topics.marketData.trade(symbol),
      payload: {
        kind: 'trade',
        symbol,
        price: Math.round((100 + Math.sin(n / 50) * 2) * 100) / 100,
        size: 1 + (n % 7),
        aggressor: n % 2 === 0 ? 'buy' : 'sell',
        tradeId: `load-${n}`,
        tsNs: nowNs,
      },
      eventTimeNs: nowNs,
    });
  }

  private order(): void {
    const n = ++this.orders;
    const nowNs = this.clock.nowNs();
    const id = `O-load-${nowNs}-${n}`;
    const command = submitCommand(
      {
        id,
        strategyId: LOAD_ENGINE,
        instrumentId: ORDER_INSTRUMENT.id,
        side: n % 2 === 1 ? 'buy' : 'sell',
        type: 'market',
        timeInForce: 'IOC',
        quantity: Fixed.parse('1'),
        tsInitNs: nowNs,
      },
      ORDER_INSTRUMENT.symbol,
    );
    this.submitted.set(id, nowNs);
    this.bus.publish({ engine: LOAD_ENGINE, topic: topics.order.submit(LOAD_ENGINE), payload: command });
  }
}
