/** Display helpers: numbers as the desk reads them, ns timestamps as local clock times. */

export function fmtNum(value: number | string | null | undefined, digits = 2): string {
  if (value === null || value === undefined || value === '') return '–';
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) return String(value);
  return number.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Prices keep the precision they came with, up to 6 decimals. */
export function fmtPrice(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '–';
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) return String(value);
  const digits = Math.abs(number) >= 1000 ? 2 : Math.abs(number) >= 10 ? 3 : 5;
  return number.toFixed(digits);
}

export function fmtPct(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(digits)}%`;
}

export function nsToMs(ns: string | number): number {
  return typeof ns === 'number' ? ns / 1e6 : Number(BigInt(ns) / 1_000_000n);
}

export function fmtTime(ns: string | null | undefined): string {
  if (!ns) return '–';
  return new Date(nsToMs(ns)).toLocaleTimeString('en-GB', { hour12: false });
}

export function fmtDateTime(ns: string | null | undefined): string {
  if (!ns) return '–';
  return new Date(nsToMs(ns)).toISOString().replace('T', ' ').slice(0, 19);
}

/** Class for a signed value: gains green, losses red. */
export function signClass(value: number | string | null | undefined): string {
  const number = Number(value);
  if (!Number.isFinite(number) || number === 0) return '';
  return number > 0 ? 'up' : 'down';
}
