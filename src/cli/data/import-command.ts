import { join, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { NautilusError } from '../../core/errors.ts';
import type { BadRow, ColumnMapping, LayoutName } from '../../marketdata/files/file-record.ts';
import { type ConfigFlags, loadCliConfig } from '../config-flags.ts';
import { renderTable } from '../table.ts';
import { countRows, importFile } from './import-files.ts';

export interface ImportFlags extends ConfigFlags {
  format?: string;
  symbol?: string;
  spec?: string;
  timeZone?: string;
  columns?: string;
  badRows?: string;
  out?: string;
}

const LAYOUTS: readonly LayoutName[] = [
  'ohlc-bars',
  'ohlcv-bars',
  'alpha-vantage-intraday',
  'wide-daily-closes',
  'quotes',
  'trades',
  'custom',
];

function parseColumns(text: string | undefined): ColumnMapping | undefined {
  if (text === undefined) return undefined;
  let mapping: unknown;
  try {
    mapping = JSON.parse(text);
  } catch {
    throw new NautilusError('BAD_REQUEST', `--columns: not JSON: ${text}`);
  }
  if (typeof mapping !== 'object' || mapping === null || !('time' in mapping))
    throw new NautilusError(
      'BAD_REQUEST',
      '--columns: expected a JSON object with at least "time", e.g. {"time":"ts","price":"px","size":"qty"}',
    );
  return mapping as ColumnMapping;
}

/**
 * `nautilus data import <files...>`: every file is read (layout detected, or --columns), bad rows
 * are reported with file and line and skipped (or fail the import with --bad-rows fail), and the
 * records land in the local market-data directory with a progress bar per file.
 */
export async function importCommand(
  files: string[],
  flags: ImportFlags,
  io: { out: (text: string) => void; err: (text: string) => void; tty: boolean },
): Promise<number> {
  const { config } = loadCliConfig(flags);
  if (flags.format !== undefined && !LAYOUTS.includes(flags.format as LayoutName))
    throw new NautilusError(
      'BAD_REQUEST',
      `--format: unknown layout ${flags.format} (layouts: ${LAYOUTS.join(', ')})`,
    );
  if (flags.badRows !== undefined && flags.badRows !== 'skip' && flags.badRows !== 'fail')
    throw new NautilusError('BAD_REQUEST', `--bad-rows: expected skip or fail, got ${flags.badRows}`);
  const outDir = resolve(flags.out ?? join(config.dataDir, 'marketdata'));
  // A terminal gets a live bar; logs and pipes get a progress line per 50k rows and per file.
  const bar = io.tty
    ? new SingleBar({
        format: ' {file} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s',
        stream: process.stderr,
        hideCursor: true,
      })
    : undefined;
  const results = [];
  let badRowsShown = 0;
  for (const file of files) {
    const total = await countRows(file);
    const startedMs = Date.now();
    const name = file.split('/').at(-1)!;
    bar?.start(total, 0, { file: name, rate: 0 });
    const result = await importFile(file, {
      outDir,
      format: flags.format as LayoutName | undefined,
      symbol: flags.symbol,
      spec: flags.spec,
      timeZone: flags.timeZone,
      columns: parseColumns(flags.columns),
      badRows: (flags.badRows as 'skip' | 'fail' | undefined) ?? 'skip',
      onBadRow: (row: BadRow) => {
        if (badRowsShown++ < 20) io.err(`bad row ${row.path}:${row.line}: ${row.reason}\n`);
      },
      onProgress: (_file, rows) => {
        const seconds = (Date.now() - startedMs) / 1000;
        const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
        if (bar) bar.update(rows, { rate });
        else
          io.err(
            `${name}: ${rows}/${total} rows (${total ? Math.round((100 * rows) / total) : 100}%), ${rate} rows/s\n`,
          );
      },
    }).finally(() => bar?.stop());
    results.push(result);
  }
  if (badRowsShown > 20) io.err(`... ${badRowsShown - 20} more bad rows\n`);
  const rows = results.map((r) => [
    r.file.split('/').at(-1)!,
    r.layout ?? '-',
    r.symbols.length > 3
      ? `${r.symbols.slice(0, 3).join(',')},+${r.symbols.length - 3}`
      : r.symbols.join(','),
    r.kinds.join(','),
    String(r.rows),
    String(r.records),
    String(r.badRows),
  ]);
  io.out(`${renderTable(['FILE', 'LAYOUT', 'SYMBOLS', 'KINDS', 'ROWS', 'RECORDS', 'BAD ROWS'], rows)}\n`);
  io.out(`imported into ${outDir} (index.json lists every import)\n`);
  return 0;
}
