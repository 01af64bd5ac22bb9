/**
 * Small, strict CSV reading for the analytics commands (returns and price files). These are
 * analytics inputs, not market data: a bad row fails the command with `<file>:<line>: <reason>`
 * (a BAD_REQUEST, exit code 2) instead of being skipped.
 */
import { readFileSync } from 'node:fs';
import { NautilusError } from '../../core/errors.ts';

export interface CsvRow {
  /** 1-based line number in the file. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  file: string;
  /** Column names: the header, or generated names (see `readCsv`) when the file has none. */
  columns: string[];
  hasHeader: boolean;
  rows: CsvRow[];
}

/** A failure tied to one line of an input file. */
export function rowError(file: string, line: number, reason: string): NautilusError {
  return new NautilusError('BAD_REQUEST', `${file}:${line}: ${reason}`);
}

export function fileError(file: string, reason: string): NautilusError {
  return new NautilusError('BAD_REQUEST', `${file}: ${reason}`);
}

/** Splits one line on commas; double-quoted fields may hold commas and "" for a quote. */
export function splitCsvLine(text: string, file: string, line: number): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === ',') {
      cells.push(wasQuoted ? cell : cell.trim());
      cell = '';
      wasQuoted = false;
    } else if (wasQuoted && (ch === ' ' || ch === '\t')) {
      // whitespace between a closing quote and the next comma
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      wasQuoted = true;
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw rowError(file, line, 'unterminated quoted field');
  cells.push(wasQuoted ? cell : cell.trim());
  return cells;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A plain decimal number ("0.0123", "-1e-3"); undefined for anything else (no %, hex, NaN, inf). */
export function parseDecimal(cell: string): number | undefined {
  const text = cell.trim();
  if (!NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** A row is a header when no cell after the first is a number and at least one is not blank. */
function looksLikeHeader(cells: readonly string[]): boolean {
  const rest = cells.slice(1);
  return rest.some((c) => c !== '') && rest.every((c) => c === '' || parseDecimal(c) === undefined);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw fileError(file, 'no such file');
    if (code === 'EISDIR') throw fileError(file, 'is a directory, expected a CSV file');
    throw fileError(file, `cannot read: ${(error as Error).message}`);
  }
}

/**
 * Reads a CSV file: blank lines and lines starting with '#' are skipped, a header is detected
 * (see `looksLikeHeader`), and every row must have as many cells as the first. Without a header
 * the columns are named `date`, `return` (two columns) or `date`, `column2`, `column3`, ...
 * Column names must be unique (case-insensitively).
 */
export function readCsv(file: string, options: { requireHeader?: boolean } = {}): CsvTable {
  const lines = readText(file)
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const parsed: CsvRow[] = [];
  lines.forEach((text, index) => {
    if (text.trim() === '' || text.trimStart().startsWith('#')) return;
    parsed.push({ line: index + 1, cells: splitCsvLine(text, file, index + 1) });
  });
  if (parsed.length === 0) throw fileError(file, 'empty file');
  const first = parsed[0]!;
  if (first.cells.length < 2)
    throw rowError(file, first.line, `expected at least 2 columns (a date, then values), got 1`);
  const hasHeader = looksLikeHeader(first.cells);
  if (options.requireHeader && !hasHeader)
    throw rowError(file, first.line, 'expected a header row (date, then one column name per asset)');
  const width = first.cells.length;
  let columns: string[];
  if (hasHeader) {
    columns = first.cells.map((c, i) => (c === '' && i === 0 ? 'date' : c));
    const seen = new Set<string>();
    columns.forEach((name, i) => {
      if (name === '') throw rowError(file, first.line, `header: column ${i + 1} has no name`);
      const key = name.toLowerCase();
      if (seen.has(key)) throw rowError(file, first.line, `header: duplicate column ${name}`);
      seen.add(key);
    });
  } else {
    columns =
      width === 2 ? ['date', 'return'] : first.cells.map((_, i) => (i === 0 ? 'date' : `column${i + 1}`));
  }
  const rows = hasHeader ? parsed.slice(1) : parsed;
  for (const row of rows) {
    if (row.cells.length !== width)
      throw rowError(
        file,
        row.line,
        `expected ${width} columns (${columns.join(',')}), got ${row.cells.length}`,
      );
    if (row.cells[0] === '') throw rowError(file, row.line, `empty ${columns[0]}`);
  }
  if (rows.length === 0) throw fileError(file, 'no data rows');
  return { file, columns, hasHeader, rows };
}

/**
 * Index of a column named `spec` (case-insensitive) or, for a number, the 1-based column number.
 * The first (date) column is never a value column.
 */
export function findColumn(table: CsvTable, spec: string, option: string): number {
  const key = spec.trim().toLowerCase();
  const byName = table.columns.findIndex((c) => c.toLowerCase() === key);
  if (byName > 0) return byName;
  if (/^\d+$/.test(key)) {
    const index = Number(key) - 1;
    if (index > 0 && index < table.columns.length) return index;
  }
  throw fileError(
    table.file,
    `${option}: no column ${spec} (value columns: ${table.columns.slice(1).join(', ')})`,
  );
}

/** The numeric value of one cell; a bad cell fails with file, line, column and the cell text. */
export function numberCell(table: CsvTable, row: CsvRow, column: number, what = 'value'): number {
  const cell = row.cells[column]!;
  const value = parseDecimal(cell);
  if (value === undefined) {
    const shown = cell === '' ? 'empty' : `not a number: "${cell}"`;
    throw rowError(table.file, row.line, `${table.columns[column]}: ${what} ${shown}`);
  }
  return value;
}

/** The returns in `column`: decimals, each > -1 (a loss of more than 100% is not a return). */
export function returnsColumn(table: CsvTable, column: number): number[] {
  return table.rows.map((row) => {
    const r = numberCell(table, row, column, 'return');
    if (r <= -1)
      throw rowError(table.file, row.line, `${table.columns[column]}: return ${r} is <= -1 (-100%)`);
    return r;
  });
}

/** Simple returns p_t / p_{t-1} - 1 of `column` (prices > 0); one fewer than the rows. */
export function returnsFromPricesColumn(table: CsvTable, column: number): number[] {
  const prices = table.rows.map((row) => {
    const p = numberCell(table, row, column, 'price');
    if (!(p > 0)) throw rowError(table.file, row.line, `${table.columns[column]}: price ${p} is not > 0`);
    return p;
  });
  if (prices.length < 2) throw fileError(table.file, 'need at least 2 prices to compute a return');
  return prices.slice(1).map((p, i) => p / prices[i]! - 1);
}

/**
 * A wide price matrix (date, then one column per asset): blank LEADING prices are allowed (not yet
 * listed) and become null; a blank after an asset's first price, a non-number or a price <= 0 fails.
 */
export function widePrices(table: CsvTable, columns: readonly number[]): (number | null)[][] {
  const started = columns.map(() => false);
  return table.rows.map((row) =>
    columns.map((column, j) => {
      const cell = row.cells[column]!;
      if (cell === '') {
        if (started[j])
          throw rowError(table.file, row.line, `${table.columns[column]}: blank price after its first price`);
        return null;
      }
      const p = numberCell(table, row, column, 'price');
      if (!(p > 0)) throw rowError(table.file, row.line, `${table.columns[column]}: price ${p} is not > 0`);
      started[j] = true;
      return p;
    }),
  );
}
