import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BadRow, FileRecord, ReadOptions } from './file-record.ts';
import { readMarketDataFile } from './read-market-data-file.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'md-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fixture(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, name.endsWith('.gz') ? gzipSync(text) : text);
  return path;
}

async function readAll(path: string, options: ReadOptions = {}) {
  const reader = readMarketDataFile(path, options);
  const records: FileRecord[] = [];
  for await (const record of reader) records.push(record);
  return { records, reader };
}

const BARS = [
  'timestamp,open,high,low,close',
  '2013-02-01 00:00:00+00:00,1,2,0.5,1.5',
  '2013-02-01 00:01:00+00:00,1,2,0.5',
  '2013-02-01 00:02:00+00:00,abc,2,0.5,1.5',
  '2013-02-01 00:03:00+00:00,1,0.5,2,1',
  '2013-02-31 00:04:00+00:00,1,2,0.5,1.5',
  '',
  '2013-02-01 00:05:00+00:00,1,2,0.5,1.5',
].join('\r\n');

describe('bad rows', () => {
  it('are skipped and reported with path, 1-based line and reason', async () => {
    const path = await fixture('eurusd-m1-bid.csv.gz', BARS);
    const seen: BadRow[] = [];
    const { records, reader } = await readAll(path, { onBadRow: (row) => seen.push(row) });
    expect(records.map((r) => r.kind === 'bar' && r.startNs)).toEqual([
      1359676800000000000n,
      1359677100000000000n,
    ]);
    expect(seen).toEqual([
      { path, line: 3, reason: 'expected 5 columns, found 4' },
      { path, line: 4, reason: 'non-numeric open "abc"' },
      { path, line: 5, reason: 'high 0.5 < low 2' },
      { path, line: 6, reason: expect.stringContaining('invalid date') },
    ]);
    expect(reader.stats).toEqual({
      layout: 'ohlc-bars',
      rowsRead: 6,
      recordsEmitted: 2,
      badRows: 4,
      blankLines: 1,
    });
    expect(reader.badRows).toEqual([]); // the callback took them
  });

  it('are collected on the reader when there is no callback', async () => {
    const { reader } = await readAll(await fixture('collected.csv', BARS));
    expect(reader.badRows.map((row) => row.line)).toEqual([3, 4, 5, 6]);
  });

  it("throw naming file:line and reason with badRows: 'fail'", async () => {
    const path = await fixture('failing.csv', BARS);
    await expect(readAll(path, { badRows: 'fail' })).rejects.toThrow(
      `${path}:3: expected 5 columns, found 4`,
    );
  });

  it('a truncated gzip file rejects instead of ending quietly', async () => {
    const path = join(dir, 'truncated.csv.gz');
    await writeFile(path, gzipSync(BARS).subarray(0, 40));
    await expect(readAll(path)).rejects.toThrow(/unexpected end of file/);
  });
});

describe('custom column mappings', () => {
  it('read trades with epoch-ms times and aggressor sides', async () => {
    const path = await fixture(
      'trades.csv',
      'id,t,px,qty,side\n7,1610064000278.5,39432.48,0.5,B\n8,1610064000300,1,2,?\n',
    );
    const { records, reader } = await readAll(path, {
      symbol: 'BTCUSDT',
      columns: { time: 't', timeFormat: 'epoch-ms', price: 'px', size: 3, side: 'side', tradeId: 'id' },
    });
    expect(records).toEqual([
      {
        kind: 'trade',
        symbol: 'BTCUSDT',
        price: 39432.48,
        size: 0.5,
        aggressor: 'buy',
        tradeId: '7',
        tsNs: 1610064000278500000n,
      },
    ]);
    expect(reader.badRows).toEqual([{ path, line: 3, reason: 'unknown side "?"' }]);
    expect(reader.stats.layout).toBe('custom');
  });

  it('reject a header that names no known layout', async () => {
    const path = await fixture('mystery.csv', 'a,b\n1,2\n');
    await expect(readAll(path)).rejects.toThrow(/unrecognized layout/);
  });
});
