import { Engine } from './engine.ts';

/**
 * Stands in for an engine whose logic a later issue adds. It runs (heartbeats, HTTP endpoints) and
 * joins the bus with its declared subscriptions, so the topology, consumer groups, lag and
 * throughput are real; it counts what it receives and says plainly in /health that it does nothing
 * with it yet: `implemented: false`, never a fake OK.
 */
export class PlaceholderEngine extends Engine {
  private received = 0;

  async onStart(): Promise<void> {
    for (const pattern of this.ctx.manifest.subscribes) {
      await this.ctx.bus.subscribe(pattern, () => {
        this.received++;
      });
    }
    this.ctx.logger.info(
      { pending: this.ctx.manifest.pending },
      'engine logic not implemented yet: running as a placeholder',
    );
  }

  override healthDetail(): string {
    const pending = this.ctx.manifest.pending ?? 'no issue named';
    return `logic not implemented yet (${pending}); ${this.received} messages received and not processed`;
  }
}
