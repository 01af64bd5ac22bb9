import type { MessageBus } from '../../src/bus/message-bus.ts';
import type { LiveClock } from '../../src/core/live-clock.ts';
import type { Envelope } from '../../src/domain/envelope.ts';
import type { Nanos } from '../../src/domain/time.ts';
import { topics } from '../../src/domain/topics.ts';

/** Two bus instances in this process, as a publishing and a subscribing engine would be. */
export interface BusPair {
  clock: LiveClock;
  pub: MessageBus;
  sub: MessageBus;
}

export const PRICE_TOPIC = topics.price.update('AAPL');

export function publishPrice(bus: MessageBus, i: number, tsNs: Nanos): Envelope {
  return bus.publish({
    engine: 'bench-pub',
    topic: PRICE_TOPIC,
    payload: { symbol: 'AAPL', price: 100 + (i & 63) / 100, tsNs },
  });
}

/** Holds a handler until opened: the consumer stays behind while a backlog is written. */
export class Gate {
  readonly opened: Promise<void>;
  open!: () => void;

  constructor() {
    this.opened = new Promise((resolve) => {
      this.open = resolve;
    });
  }
}
