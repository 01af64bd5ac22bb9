import type { MessageBus } from '../bus/message-bus.ts';
import type { Clock } from '../core/clock.ts';
import { topics } from '../domain/topics.ts';
import { Fixed } from '../trading/money/fixed.ts';
import { submitCommand } from '../trading/orders/order-messages.ts';
import type { PublishedMessage } from './ledger-summary.ts';

export interface ChaosLoadOptions {
  /** Symbols of the market-data load: not instruments, so only the data path sees them. */
  symbols: readonly string[];
  tradesPerSecond: number;
  /** Market orders of 1 unit, alternating buy and sell, on `instrument` (strategy `chaos`). */
  ordersPerSecond: number;
  instrument: { id: string; symbol: string };
}

const TICK_MS = 20;

/**
 * The campaign's steady load and its ledger: every message published, with the scenario running
 * at the time, and whether Redis confirmed it (the publisher's flush resolved after it).
 */
export class ChaosLoad {
  readonly messages = new Map<string, PublishedMessage>();
  scenario = 'warm-up';
  publishErrors = 0;
  private timer: NodeJS.Timeout | undefined;
  private tradeCarry = 0;
  private orderCarry = 0;
  private orders = 0;
  private trades = 0;
  private flushes = new Set<Promise<void>>();

  constructor(
    private readonly bus: MessageBus,
    private readonly clock: Clock,
    private readonly options: ChaosLoadOptions,
  ) {}

  /** Order ids of the `chaos` strategy submitted and confirmed. */
  get orderIds(): string[] {
    return [...this.messages.values()]
      .filter((m) => m.acked && m.topic === topics.order.submit('chaos'))
      .map((m) => this.orderIdOf.get(m.id)!);
  }

  private readonly orderIdOf = new Map<string, string>();

  start(): void {
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  /** Stops publishing and waits (bounded) for the last confirmations. */
  async stop(waitMs = 10_000): Promise<void> {
    clearInterval(this.timer);
    await Promise.race([Promise.all(this.flushes), new Promise((r) => setTimeout(r, waitMs))]);
  }

  private tick(): void {
    const { tradesPerSecond, ordersPerSecond } = this.options;
    this.tradeCarry += (tradesPerSecond * TICK_MS) / 1000;
    this.orderCarry += (ordersPerSecond * TICK_MS) / 1000;
    const batch: PublishedMessage[] = [];
    try {
      for (; this.tradeCarry >= 1; this.tradeCarry--) batch.push(this.trade());
      for (; this.orderCarry >= 1; this.orderCarry--) batch.push(this.order());
    } catch {
      // The bus refused (outage buffer full, policy reject): not published, so not promised.
      this.publishErrors++;
    }
    if (batch.length === 0) return;
    const flush = this.bus.flush().then(() => {
      for (const message of batch) message.acked = true;
    });
    this.flushes.add(flush);
    void flush.finally(() => this.flushes.delete(flush));
  }

  private record(id: string, topic: string): PublishedMessage {
    const message = { id, topic, scenario: this.scenario, acked: false };
    this.messages.set(id, message);
    return message;
  }

  private trade(): PublishedMessage {
    const { symbols } = this.options;
    const n = this.trades++;
    const symbol = symbols[n % symbols.length]!;
    const nowNs = this.clock.nowNs();
    const price = 100 + Math.sin(n / 50) * 2;
    const envelope = this.bus.publish({
      engine: 'chaos',
      topic: topics.marketData.trade(symbol),
      payload: {
        kind: 'trade',
        symbol,
        price: Math.round(price * 100) / 100,
        size: 1 + (n % 7),
        aggressor: n % 2 === 0 ? 'buy' : 'sell',
        tradeId: `chaos-${n}`,
        tsNs: nowNs,
      },
      eventTimeNs: nowNs,
    });
    return this.record(envelope.id, envelope.topic);
  }

  private order(): PublishedMessage {
    const { instrument } = this.options;
    const n = ++this.orders;
    const id = `O-chaos-${this.clock.nowNs()}-${n}`;
    const command = submitCommand(
      {
        id,
        strategyId: 'chaos',
        instrumentId: instrument.id,
        side: n % 2 === 1 ? 'buy' : 'sell',
        type: 'market',
        timeInForce: 'IOC',
        quantity: Fixed.parse('1'),
        tsInitNs: this.clock.nowNs(),
      },
      instrument.symbol,
    );
    const envelope = this.bus.publish({
      engine: 'chaos',
      topic: topics.order.submit('chaos'),
      payload: command,
    });
    this.orderIdOf.set(envelope.id, id);
    return this.record(envelope.id, envelope.topic);
  }
}
