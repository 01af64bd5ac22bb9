import type { Nanos } from '../domain/time.ts';

export interface TimeEvent {
  name: string;
  /** When the timer was due, not when the callback ran. */
  scheduledNs: Nanos;
}

export type TimeEventHandler = (event: TimeEvent) => void;

/** All engine timing goes through a Clock so the same code runs live and in backtests. */
export interface Clock {
  nowNs(): Nanos;
  /** Repeats every `intervalNs` from `startNs` (default now + interval) until `stopNs` or cancel. */
  setTimer(
    name: string,
    intervalNs: Nanos,
    handler: TimeEventHandler,
    opts?: { startNs?: Nanos; stopNs?: Nanos },
  ): void;
  /** Fires once at `atNs` (immediately on the next advance/tick if already past). */
  setTimeAlert(name: string, atNs: Nanos, handler: TimeEventHandler): void;
  cancel(name: string): boolean;
  cancelAll(): void;
  timerNames(): string[];
}

export function assertNewTimer(names: { has(name: string): boolean }, name: string): void {
  if (names.has(name)) throw new Error(`timer "${name}" already exists: cancel it first`);
}

export function assertPositive(intervalNs: Nanos, name: string): void {
  if (intervalNs <= 0n) throw new RangeError(`timer "${name}": interval must be > 0 ns, got ${intervalNs}`);
}
