/** Option parsing, number formatting and error mapping shared by the analytics commands. */
import { ANNUALIZATION_FACTORS, type Period } from '../../analytics/index.ts';
import { NautilusError } from '../../core/errors.ts';

export function usage(message: string): NautilusError {
  return new NautilusError('BAD_REQUEST', message);
}

/** One of `allowed`, or a usage error naming every allowed value. */
export function oneOf<T extends string>(
  option: string,
  value: string,
  allowed: readonly T[],
  noun: string,
): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usage(`${option}: unknown ${noun} ${value} (${noun}s: ${allowed.join(', ')})`);
}

export interface NumberRule {
  min?: number;
  max?: number;
  /** Exclusive bounds. */
  above?: number;
  below?: number;
  integer?: boolean;
}

/** A number option (undefined stays undefined); `rule` bounds it, with a message saying what is expected. */
export function numberOption(
  option: string,
  text: string | undefined,
  rule: NumberRule = {},
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.trim());
  const expected = [
    rule.integer ? 'an integer' : 'a number',
    rule.min !== undefined ? `>= ${rule.min}` : '',
    rule.above !== undefined ? `> ${rule.above}` : '',
    rule.max !== undefined ? `<= ${rule.max}` : '',
    rule.below !== undefined ? `< ${rule.below}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const ok =
    text.trim() !== '' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.max === undefined || value <= rule.max) &&
    (rule.above === undefined || value > rule.above) &&
    (rule.below === undefined || value < rule.below);
  if (!ok) throw usage(`${option}: expected ${expected}, got ${text}`);
  return value;
}

export const PERIODS = Object.keys(ANNUALIZATION_FACTORS) as Period[];

export function periodOption(text: string | undefined): Period {
  return text === undefined ? 'daily' : oneOf('--period', text, PERIODS, 'period');
}

/** Fixed 6 decimals for tables; n/a for NaN, inf/-inf for infinities. */
export function fmt(value: number | undefined, decimals = 6): string {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  return value.toFixed(decimals);
}

/** A percentage with 2 decimals, e.g. 12.34%. */
export function pct(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(2)}%` : fmt(value);
}

/** JSON with NaN and infinities as null (JSON has no such numbers), two-space indented. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
}

/**
 * Runs an analytics computation; the library's RangeErrors (input it cannot use, e.g. too few
 * observations or no asset above the risk-free rate) become usage errors naming the input file.
 */
export function compute<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof RangeError) throw usage(`${file}: ${error.message}`);
    throw error;
  }
}
