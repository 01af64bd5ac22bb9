import { NautilusError } from '../core/errors.ts';

/** A value or argument the trading domain refuses (bad decimal, unknown currency, invalid order...). */
export function invalid(message: string, details?: Record<string, unknown>): NautilusError {
  return new NautilusError('BAD_REQUEST', message, details ? { details } : {});
}

/** An operation that is illegal in the current state (illegal order transition, overfill...). */
export function conflict(message: string, details?: Record<string, unknown>): NautilusError {
  return new NautilusError('LIFECYCLE', message, details ? { details } : {});
}
