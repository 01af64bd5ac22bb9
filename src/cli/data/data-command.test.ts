import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ReplayServer } from '../../marketdata/sources/testing/replay-server.ts';
import { SHARED_DATA } from '../../testing/shared-data.ts';
import { runCli } from '../program.ts';

const DATA = SHARED_DATA;
const dir = mkdtempSync(join(tmpdir(), 'nautilus-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const servers: ReplayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'nautilus', ...args], {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
  });
  return { code, out, err };
}

function dataFiles(): string[] {
  const top = readdirSync(DATA).filter((name) => /\.(csv|csv\.gz|parquet)$/.test(name));
  const stocks = readdirSync(join(DATA, 'stocks-1m-2018-11')).map((name) => join('stocks-1m-2018-11', name));
  return [...top, ...stocks].map((name) => join(DATA, name));
}

describe('nautilus data import', () => {
  it('imports every file in ../shared/data with no bad rows and indexes each', async () => {
    const files = dataFiles();
    expect(files.length).toBeGreaterThanOrEqual(20);
    const out = join(dir, 'all');
    const { code, out: text, err } = await cli(['data', 'import', ...files, '--out', out]);
    expect(err).not.toMatch(/bad row/);
    expect(code).toBe(0);
    expect(text).toContain(`imported into ${out}`);
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as Record<
      string,
      { records: number; badRows: number; rows: number; output: string }
    >;
    expect(Object.keys(index).sort()).toEqual([...files].sort());
    for (const [file, entry] of Object.entries(index)) {
      expect(entry.badRows, file).toBe(0);
      expect(entry.records, file).toBeGreaterThan(0);
    }
    const ticks = index[join(DATA, 'usdjpy-ticks.csv')]!;
    expect(ticks).toMatchObject({ rows: 1000, records: 1000 });
    const first = JSON.parse(readFileSync(ticks.output, 'utf8').split('\n')[0]!);
    expect(first).toEqual({
      kind: 'quote',
      symbol: 'USDJPY',
      bid: 86.655,
      ask: 86.728,
      bidSize: 0,
      askSize: 0,
      tsNs: '1357077600295000000',
    });
  });

  it('reports bad rows with file and line and skips them, or fails the import by option', async () => {
    const file = join(dir, 'eurusd-ticks.csv');
    writeFileSync(
      file,
      'timestamp,bid,ask\n2013-01-01 22:00:00+00:00,1.3,1.31\nnot-a-time,1.3,1.31\n2013-01-01 22:00:01+00:00,1.3,1.31\n',
    );
    const skipped = await cli(['data', 'import', file, '--out', join(dir, 'bad')]);
    expect(skipped.code).toBe(0);
    expect(skipped.err).toMatch(new RegExp(`bad row ${file}:3: `));
    expect(skipped.out).toMatch(/quotes\s+EURUSD\s+quote\s+3\s+2\s+1/);
    const failed = await cli(['data', 'import', file, '--out', join(dir, 'bad'), '--bad-rows', 'fail']);
    expect(failed.code).not.toBe(0);
    expect(failed.err).toMatch(/eurusd-ticks\.csv:3/);
  });

  it('maps an unknown layout with --columns, and checks --format', async () => {
    const file = join(dir, 'prints.csv');
    writeFileSync(file, 'ts,px,qty\n1700000000000,101.5,3\n1700000000500,101.6,1\n');
    const plain = await cli(['data', 'import', file, '--out', join(dir, 'mapped')]);
    expect(plain.code).toBe(2);
    expect(plain.err).toMatch(/unrecognized layout, header ts,px,qty/);
    const mapped = await cli([
      'data',
      'import',
      file,
      '--out',
      join(dir, 'mapped'),
      '--symbol',
      'XYZ',
      '--columns',
      '{"time":"ts","timeFormat":"epoch-ms","price":"px","size":"qty"}',
    ]);
    expect(mapped.code).toBe(0);
    expect(mapped.out).toMatch(/custom\s+XYZ\s+trade\s+2\s+2\s+0/);
    const wrong = await cli([
      'data',
      'import',
      join(DATA, 'usdjpy-ticks.csv'),
      '--out',
      join(dir, 'x'),
      '--format',
      'trades',
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/detected layout quotes, but --format trades was asked/);
  });
});

describe('nautilus data fetch', () => {
  it('fetches through an in-process hub with the configured source, and refuses look-ahead', async () => {
    const server = await ReplayServer.start(() => ({
      body: {
        series: {
          docs: [
            {
              '@frequency': 'annual',
              provider_code: 'P',
              dataset_code: 'D',
              dataset_name: 'd',
              series_code: 'S',
              series_name: 's',
              period: ['2020'],
              period_start_day: ['2020-01-01'],
              value: [1.5],
            },
          ],
          limit: 1000,
          num_found: 1,
          offset: 0,
        },
      },
    }));
    servers.push(server);
    const set = ['--set', `engineConfig.marketdata.sources.dbnomics.baseUrl=${server.url}`];
    const ok = await cli(['data', 'fetch', 'dbnomics', 'series', 'id=P/D/S', ...set]);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({
      source: 'dbnomics',
      id: 'P/D/S',
      observations: [{ periodNs: '1577836800000000000', value: 1.5 }],
    });
    const refused = await cli([
      'data',
      'fetch',
      'dbnomics',
      'series',
      'id=P/D/S',
      '--as-of',
      '2021-01-01',
      ...set,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/dbnomics\.series is not point-in-time safe/);
    const bad = await cli(['data', 'fetch', 'dbnomics', 'series', 'P/D/S', ...set]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/expected name=value/);
  });
});
