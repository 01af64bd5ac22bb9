import type { Nanos } from '../../../domain/time.ts';
import type { StrategyLog } from '../strategy-context.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogRecord {
  level: LogLevel;
  message: string;
  fields?: Record<string, unknown>;
  tsNs: Nanos;
}

/** A StrategyLog that keeps every line (with the clock time) instead of writing it. */
export class RecordingLog implements StrategyLog {
  readonly records: LogRecord[] = [];
  private readonly now: () => Nanos;

  constructor(now: () => Nanos) {
    this.now = now;
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.write('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.write('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.write('error', message, fields);
  }

  private write(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    this.records.push({ level, message, ...(fields ? { fields } : {}), tsNs: this.now() });
  }
}
