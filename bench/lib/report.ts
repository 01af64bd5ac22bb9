export interface Row {
  metric: string;
  value: string;
  baseline?: string;
  ratio?: string;
  target?: string;
  /** Empty when the metric has no target. */
  verdict?: 'ok' | 'MISS' | '';
}

const COLUMNS: Array<[keyof Row, string]> = [
  ['metric', 'metric'],
  ['value', 'value'],
  ['baseline', 'same-run baseline'],
  ['ratio', 'ratio'],
  ['target', 'target'],
  ['verdict', ''],
];

export function formatTable(rows: readonly Row[]): string {
  const widths = COLUMNS.map(([key, title]) =>
    Math.max(title.length, ...rows.map((row) => (row[key] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    line(COLUMNS.map(([, title]) => title)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((row) => line(COLUMNS.map(([key]) => row[key] ?? ''))),
  ].join('\n');
}

export function rate(perS: number): string {
  return `${Math.round(perS).toLocaleString('en-US')}/s`;
}

export function ms(value: number): string {
  return `${value.toFixed(3)} ms`;
}

export function verdict(ok: boolean): 'ok' | 'MISS' {
  return ok ? 'ok' : 'MISS';
}

/** Progress goes to stderr so stdout stays the table and the final JSON line. */
export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
