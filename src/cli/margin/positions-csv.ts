/**
 * positions.csv for `nautilus margin`: a header naming the columns symbol, quantity (negative for
 * a short), price (current) and optionally cost_basis (average cost per share), in any order,
 * case-insensitive; other columns are ignored. Amounts are plain decimals ("150.25", "-100"):
 * they are read exactly, so "1e3", "$150" or "1,000" fail with the file and line.
 */
import { readFileSync } from 'node:fs';
import type { MarginPosition } from '../../signals/collateral/rules.ts';
import { Fixed } from '../../trading/money/fixed.ts';
import { fileError, rowError, splitCsvLine } from '../analytics/csv.ts';

export interface PositionRow extends MarginPosition {
  line: number;
}

const REQUIRED = ['symbol', 'quantity', 'price'] as const;
const DECIMAL = /^-?\d+(\.\d+)?$/;

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

function decimal(file: string, line: number, column: string, cell: string): Fixed {
  if (!DECIMAL.test(cell))
    throw rowError(
      file,
      line,
      `${column}: expected a plain decimal such as 150.25 or -100, got ${JSON.stringify(cell)}`,
    );
  return Fixed.parse(cell);
}

export function readPositions(file: string): PositionRow[] {
  const lines = readText(file)
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const rows: { line: number; cells: string[] }[] = [];
  lines.forEach((text, index) => {
    if (text.trim() !== '' && !text.trimStart().startsWith('#'))
      rows.push({ line: index + 1, cells: splitCsvLine(text, file, index + 1) });
  });
  const header = rows.shift();
  if (!header) throw fileError(file, 'empty file (expected a header: symbol,quantity,price,cost_basis)');
  const names = header.cells.map((c) => c.toLowerCase());
  const at = (name: string) => names.indexOf(name);
  for (const name of REQUIRED)
    if (at(name) < 0)
      throw rowError(
        file,
        header.line,
        `header: no ${name} column (expected symbol,quantity,price,cost_basis; got ${header.cells.join(',')})`,
      );
  if (rows.length === 0) throw fileError(file, 'no positions (only a header)');
  const cost = at('cost_basis');
  return rows.map(({ line, cells }) => {
    if (cells.length !== header.cells.length)
      throw rowError(
        file,
        line,
        `expected ${header.cells.length} columns (${header.cells.join(',')}), got ${cells.length}`,
      );
    const symbol = cells[at('symbol')]!;
    if (symbol === '') throw rowError(file, line, 'empty symbol');
    const quantity = decimal(file, line, 'quantity', cells[at('quantity')]!);
    const price = decimal(file, line, 'price', cells[at('price')]!);
    if (!price.isPositive()) throw rowError(file, line, `price: must be positive, got ${price}`);
    const basis =
      cost >= 0 && cells[cost] !== '' ? decimal(file, line, 'cost_basis', cells[cost]!) : undefined;
    return { line, symbol, quantity, price, ...(basis ? { costBasis: basis } : {}) };
  });
}
