import type { Clock } from '../../core/clock.ts';
import { msToNs } from '../../domain/time.ts';

export interface OrderAnswer {
  orderId: string;
  /** accepted, denied, rejected, filled, partially_filled ... or submitted when nothing came in time. */
  status: string;
  reason?: string;
}

interface Waiter {
  resolve: (answer: OrderAnswer) => void;
  timer: string;
}

/** POST /api/orders waits here for the first order event of its order, at most `answerMs`. */
export class OrderAnswers {
  private readonly waiting = new Map<string, Waiter>();

  constructor(private readonly clock: Clock) {}

  wait(orderId: string, answerMs: number): Promise<OrderAnswer> {
    if (answerMs === 0) return Promise.resolve({ orderId, status: 'submitted' });
    return new Promise((resolve) => {
      const timer = `api-order-answer-${orderId}`;
      this.waiting.set(orderId, { resolve, timer });
      // Through the clock, like every engine timer: the same code under a test clock.
      this.clock.setTimeAlert(timer, this.clock.nowNs() + msToNs(answerMs), () =>
        this.settle({ orderId, status: 'submitted' }),
      );
    });
  }

  /** The first answer wins; later events of the order find no waiter. */
  settle(answer: OrderAnswer): void {
    const waiter = this.waiting.get(answer.orderId);
    if (!waiter) return;
    this.waiting.delete(answer.orderId);
    this.clock.cancel(waiter.timer);
    waiter.resolve(answer);
  }

  /** On stop: every waiting request is answered `submitted`. */
  releaseAll(): void {
    for (const orderId of [...this.waiting.keys()]) this.settle({ orderId, status: 'submitted' });
  }
}
