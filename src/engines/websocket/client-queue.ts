/** A serialised frame: a Buffer on the live path (encoded once for every client), text in tests. */
export type WireFrame = Buffer | string;

/**
 * What one client has yet to be sent. The slow-consumer policy:
 * - conflated topics (prices, quotes, positions, portfolio, risk metrics, VPIN, health) keep only
 *   the latest unsent frame per topic: a slow client sees fewer updates, never stale ones, and the
 *   queue is bounded by the number of topics it follows;
 * - alerts are kept in order and never dropped: when `alertLimit` are waiting, `push` returns
 *   false and the engine disconnects the client instead of losing one.
 * Alerts go out before conflated frames.
 */
export class ClientQueue {
  private readonly latest = new Map<string, WireFrame>();
  private alerts: WireFrame[] = [];
  private alertHead = 0;
  /** Unsent frames replaced by a newer one of the same topic. */
  conflated = 0;

  constructor(private readonly alertLimit: number) {
    if (!Number.isInteger(alertLimit) || alertLimit < 1) throw new RangeError('alertLimit must be >= 1');
  }

  get size(): number {
    return this.latest.size + this.alerts.length - this.alertHead;
  }

  get alertsWaiting(): number {
    return this.alerts.length - this.alertHead;
  }

  pushConflated(topic: string, frame: WireFrame): void {
    if (this.latest.has(topic)) this.conflated++;
    this.latest.set(topic, frame);
  }

  /**
   * False when the alert queue is full: the alert is not queued and the client must go. A replay
   * (`bounded`: at most the retained messages) is queued whatever the backlog.
   */
  pushAlert(frame: WireFrame, bounded = false): boolean {
    if (!bounded && this.alertsWaiting >= this.alertLimit) return false;
    this.alerts.push(frame);
    return true;
  }

  /** The next frame to send, alerts first; undefined when empty. */
  take(): WireFrame | undefined {
    if (this.alertHead < this.alerts.length) {
      const frame = this.alerts[this.alertHead++]!;
      if (this.alertHead === this.alerts.length) {
        this.alerts = [];
        this.alertHead = 0;
      }
      return frame;
    }
    for (const [topic, frame] of this.latest) {
      this.latest.delete(topic);
      return frame;
    }
    return undefined;
  }
}
