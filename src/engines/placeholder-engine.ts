import { Engine } from './engine.ts';

/**
 * Stands in for an engine whose logic a later issue adds. It runs (heartbeats, HTTP endpoints) but
 * says plainly in /health that it does nothing yet: `implemented: false`, never a fake OK.
 */
export class PlaceholderEngine extends Engine {
  onStart(): void {
    this.ctx.logger.info(
      { pending: this.ctx.manifest.pending },
      'engine logic not implemented yet: running as a placeholder',
    );
  }

  override healthDetail(): string {
    return `logic not implemented yet (${this.ctx.manifest.pending ?? 'no issue named'})`;
  }
}
