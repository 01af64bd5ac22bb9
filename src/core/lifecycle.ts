import { NautilusError } from './errors.ts';

export const COMPONENT_STATES = [
  'ready',
  'starting',
  'running',
  'degraded',
  'stopping',
  'stopped',
  'faulted',
] as const;
export type ComponentState = (typeof COMPONENT_STATES)[number];

const TRANSITIONS: Record<ComponentState, readonly ComponentState[]> = {
  ready: ['starting', 'stopped'],
  starting: ['running', 'degraded', 'faulted', 'stopping'],
  running: ['degraded', 'stopping', 'faulted'],
  degraded: ['running', 'stopping', 'faulted'],
  stopping: ['stopped', 'faulted'],
  stopped: ['starting'],
  faulted: ['stopping', 'starting'],
};

export interface StateChange {
  from: ComponentState;
  to: ComponentState;
  reason: string;
}

/** The component lifecycle: an illegal transition is a bug and throws, naming both states. */
export class Lifecycle {
  private current: ComponentState = 'ready';
  private lastReason = 'created';
  private readonly listeners: Array<(change: StateChange) => void> = [];

  constructor(readonly componentName: string) {}

  get state(): ComponentState {
    return this.current;
  }

  get reason(): string {
    return this.lastReason;
  }

  can(to: ComponentState): boolean {
    return TRANSITIONS[this.current].includes(to);
  }

  transition(to: ComponentState, reason: string): void {
    if (to === this.current) {
      this.lastReason = reason;
      return;
    }
    if (!this.can(to)) {
      throw new NautilusError(
        'LIFECYCLE',
        `${this.componentName}: illegal transition ${this.current} -> ${to}`,
      );
    }
    const change = { from: this.current, to, reason };
    this.current = to;
    this.lastReason = reason;
    for (const listener of this.listeners) listener(change);
  }

  onChange(listener: (change: StateChange) => void): void {
    this.listeners.push(listener);
  }
}
