import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../testing/shared-data.ts';
import { parseIsoNanos, parseIsoNanosSlow } from './exact-time.ts';
import type { BadRow, FileRecord, ReadOptions } from './file-record.ts';
import { readMarketDataFile } from './read-market-data-file.ts';
import { ZoneClock } from './zone-clock.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'md-fast-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fixture(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const outcome = (parse: () => bigint) => {
  try {
    return parse();
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
};

describe('ISO time fast path', () => {
  const texts = [
    '2024-01-02',
    '2024-01-02T03:04:05',
    '2024-01-02 03:04:05.1',
    '2024-01-02 03:04:05.123456789',
    '2024-01-02 03:04:05.1234567890',
    '2024-01-02T03:04:05.000001Z',
    '2024-01-02T03:04:05Z ',
    ' 2024-01-02T03:04:05Z',
    '2024-01-02T03:04:05+05',
    '2024-01-02T03:04:05+0530',
    '2024-01-02T03:04:05-05:30',
    '2024-01-02T03:04:05+05:3',
    '2024-01-02T03:04:05 +05:00',
    '2024-01-02T03:04',
    '2024-01-02 03:04Z',
    '2024-01-02Z',
    '2024-02-29 00:00:00',
    '2023-02-29 00:00:00',
    '0099-02-29 00:00:00',
    '2024-13-01 00:00:00',
    '2024-00-10 00:00:00',
    '2024-01-00 00:00:00',
    '2024-01-01 24:00:00',
    '2024-01-01 23:60:00',
    '2024-01-01 23:59:60',
    '2024-01-01 23:59:59.',
    '2024-01-01x23:59:59',
    '1969-12-31 23:59:59.999999999',
    '1900-01-01 00:00:00.5+14:00',
    '２０２４-01-01',
    '',
    'noon',
  ];
  it('agrees with the regex parse on every shape, valid or not', () => {
    for (const text of texts) {
      expect(
        outcome(() => parseIsoNanos(text)),
        text,
      ).toEqual(outcome(() => parseIsoNanosSlow(text)));
    }
  });

  it('agrees across DST in a zone, gaps included', () => {
    const ny = new ZoneClock('America/New_York').toUtc;
    for (const text of [
      '2018-03-11 02:30:00',
      '2018-03-11 03:00:00.5',
      '2018-11-04 01:30:00',
      '2018-07-02 09:31:00',
    ]) {
      expect(
        outcome(() => parseIsoNanos(text, ny)),
        text,
      ).toEqual(outcome(() => parseIsoNanosSlow(text, ny)));
    }
  });

  it('agrees on a walk over many days and fractions (day caches included)', () => {
    for (let i = 0; i < 5000; i++) {
      const ms = Date.UTC(1995, 0, 1) + i * 7_654_321_987;
      const digits = 1 + (i % 9);
      const fraction = String((i * 48_271) % 10 ** digits).padStart(digits, '0');
      const text = `${new Date(ms)
        .toISOString()
        .slice(0, 19)
        .replace('T', i % 2 ? 'T' : ' ')}.${fraction}Z`;
      expect(parseIsoNanos(text)).toBe(parseIsoNanosSlow(text));
    }
  });
});

async function perRecord(path: string, options: ReadOptions = {}) {
  const bad: BadRow[] = [];
  const reader = readMarketDataFile(path, { ...options, onBadRow: (row) => bad.push(row) });
  const records: FileRecord[] = [];
  for await (const record of reader) records.push(record);
  return { records, bad, stats: reader.stats };
}

async function batched(path: string, options: ReadOptions = {}) {
  const bad: BadRow[] = [];
  const reader = readMarketDataFile(path, { ...options, onBadRow: (row) => bad.push(row) });
  const records: FileRecord[] = [];
  for await (const batch of reader.batches()) records.push(...batch);
  return { records, bad, stats: reader.stats };
}

const NUMBERS = [
  '1',
  '+1',
  '-0',
  '1.',
  '.5',
  '0001.50',
  '1e3',
  '2.5E-2',
  ' 7',
  '7 ',
  '123456789012345',
  '1234567890123456789',
  '0.1000000000000000055511151231257827',
  '3.14159265358979',
  '-',
  '.',
  '1.2.3',
  'abc',
  '',
  'Infinity',
  '0x10',
];

describe('numbers read in place from the line', () => {
  it('equal Number() of the cell where the old regex accepted it, and are bad rows otherwise', async () => {
    const rows = NUMBERS.map((n, i) => `2024-01-02 00:00:${String(i).padStart(2, '0')},${n},1,buy,${i}`);
    const path = await fixture(
      'xbtusd-trades.csv',
      `timestamp,price,size,side,trade_id\n${rows.join('\n')}\n`,
    );
    const { records, bad } = await perRecord(path);
    const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
    const good = NUMBERS.filter((n) => NUMBER.test(n.trim()));
    expect(records.map((r) => (r.kind === 'trade' ? r.price : undefined))).toEqual(good.map(Number));
    expect(records.map((r) => (r.kind === 'trade' ? r.tradeId : undefined))).toEqual(
      good.map((n) => String(NUMBERS.indexOf(n))),
    );
    expect(bad.map((row) => row.reason)).toEqual(
      NUMBERS.filter((n) => !NUMBER.test(n.trim())).map((n) => `non-numeric price ${JSON.stringify(n)}`),
    );
    // Exactly Object.is: -0 stays -0.
    expect(Object.is((records[2] as { price: number }).price, -0)).toBe(true);
  });

  it('random decimals parse to the same double as Number()', async () => {
    const values: string[] = [];
    let x = 12345;
    for (let i = 0; i < 3000; i++) {
      x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
      const digits = String(x) + String(x * 7).slice(0, i % 9);
      const point = i % (digits.length + 1);
      values.push(`${i % 5 === 0 ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point)}`);
    }
    const rows = values.map((v) => `2024-01-02T00:00:00Z,${v},${v},${v},${v}`);
    const path = await fixture(
      'numbers-quotes.csv',
      `timestamp,bid,ask,bid_size,ask_size\n${rows.join('\n')}\n`,
    );
    const { records, bad } = await perRecord(path);
    const expected = values.filter((v) => !v.startsWith('-'));
    expect(records.map((r) => (r.kind === 'quote' ? r.bid : 0))).toEqual(expected.map(Number));
    expect(bad.every((row) => row.reason.startsWith('negative bidSize'))).toBe(true);
    expect(bad).toHaveLength(values.length - expected.length);
  });
});

describe('batches()', () => {
  const TRADES = [
    'timestamp,price,size,side,trade_id',
    '2024-01-02T00:00:00.000001Z,1,2,buy,1',
    '2024-01-02T00:00:01.5Z,1,2,SELL,2',
    '2024-01-02T00:00:02Z,1,-2,buy,3',
    '',
    '2024-01-02T00:00:03Z,"1",2,,',
    '2024-01-02T00:00:04Z,1,2,sideways,5',
    '2024-01-02T00:00:05Z,1,2,b',
    '2024-01-02T00:00:06+01:00,1e2,0,s,7',
  ].join('\n');

  it('yield the same records, bad rows and stats as the per-record iterator', async () => {
    const path = await fixture('ethusd-trades.csv', TRADES);
    const one = await perRecord(path);
    const many = await batched(path);
    expect(many).toEqual(one);
    expect(one.records).toHaveLength(4);
    expect(one.bad.map((row) => [row.line, row.reason])).toEqual([
      [4, 'negative size -2'],
      [7, 'unknown side "sideways"'],
      [8, 'expected 5 columns, found 4'],
    ]);
    expect(Object.keys(one.records[0]!)).toEqual([
      'kind',
      'symbol',
      'price',
      'size',
      'aggressor',
      'tradeId',
      'tsNs',
    ]);
    expect(Object.keys(one.records[2]!)).toEqual(['kind', 'symbol', 'price', 'size', 'tsNs']);
  });

  it("with badRows 'fail' deliver the records before the bad row, then throw file:line", async () => {
    const path = await fixture('failing-trades.csv', TRADES);
    const reader = readMarketDataFile(path, { badRows: 'fail' });
    const seen: FileRecord[] = [];
    await expect(
      (async () => {
        for await (const batch of reader.batches()) seen.push(...batch);
      })(),
    ).rejects.toThrow(`${path}:4: negative size -2`);
    expect(seen).toHaveLength(2);
  });

  it('are the same for every real layout, bars and quotes included', async () => {
    const data = `${SHARED_DATA}/`;
    for (const file of ['usdjpy-ticks.csv', 'stock_prices.csv', 'btcusdt-trades.parquet']) {
      const one = await perRecord(data + file);
      const many = await batched(data + file);
      expect(many.stats, file).toEqual(one.stats);
      expect(many.records, file).toEqual(one.records);
    }
  });
});
