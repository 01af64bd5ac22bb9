import { BoundedIdSet } from '../../core/bounded-id-set.ts';
import { HandlerSet } from '../handler-set.ts';
import type { Handler } from '../message-bus.ts';
import { rankOfStream } from './stream-keys.ts';

export interface GroupHandler {
  readonly pattern: string;
  readonly handler: Handler;
}

/** One subscribing engine's group on one lane, as this process sees it. */
export class ConsumerGroup {
  readonly handlers = new HandlerSet<GroupHandler>();
  readonly handled: BoundedIdSet;
  /** Streams read, highest priority first. */
  streams: string[] = [];
  /** Streams where this process has seen the group exist: losing it later is an alert. */
  readonly known = new Set<string>();

  constructor(
    readonly name: string,
    dedupe: { window: number; windowMs: number },
    /** Per-instance groups (RPC replies) are destroyed when their last handler goes. */
    readonly ephemeral: boolean,
  ) {
    this.handled = new BoundedIdSet(dedupe.window, dedupe.windowMs);
  }

  addStreams(streams: readonly string[]): void {
    const all = new Set([...this.streams, ...streams]);
    this.streams = [...all].sort((a, b) => rankOfStream(a) - rankOfStream(b));
  }

  /** Recomputed from the remaining handlers' patterns when one is removed. */
  setStreams(streams: readonly string[]): void {
    this.streams = [];
    this.addStreams(streams);
  }
}
