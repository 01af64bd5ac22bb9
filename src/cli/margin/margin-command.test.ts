import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../program.ts';

const EXAMPLE = resolve(import.meta.dirname, 'example-positions.csv');
const dir = mkdtempSync(join(tmpdir(), 'nautilus-margin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'nautilus', 'margin', ...args], {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
  });
  return { code, out, err };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('nautilus margin', () => {
  it('Reg T on the example file, exact to the cent', async () => {
    const { code, out, err } = await cli(['--positions', EXAMPLE, '--cash', '-30000', '--json']);
    expect([code, err]).toEqual([0, '']);
    const json = JSON.parse(out);
    // long 200 × 150 + 50 × 410.25 = 30000 + 20512.50; short 300 × 12.40 + 2000 × 3.10 = 3720 + 6200
    // equity -30000 + 50512.50 - 9920 = 10592.50
    // maintenance 7500 + 5128.125 + max(1500, 1116) + max(5000, 6200) = 20328.125 -> 20328.13
    expect(json).toMatchObject({
      method: 'regt',
      cash: '-30000.00',
      longMarketValue: '50512.50',
      shortMarketValue: '9920.00',
      equity: '10592.50',
      requirement: '20328.13',
      initialRequirement: '30216.25',
      excess: '-9735.63',
      deficit: '9735.63',
      status: 'margin-call',
      call: '9735.63',
      cashToCure: '9735.63',
      // 9735.63 × 60432.50 / 20328.125 = 28942.5837.. -> 28942.59
      liquidationToCure: '28942.59',
    });
    expect(
      json.lines.map((l: Record<string, string>) => [
        l.line,
        l.symbol,
        l.marketValue,
        l.unrealizedPnl,
        l.requirement,
      ]),
    ).toEqual([
      [4, 'AAPL', '30000.00', '6000.00', '7500.00'],
      [5, 'MSFT', '20512.50', '1487.50', '5128.13'],
      [6, 'XYZ', '-3720.00', '780.00', '1500.00'],
      [7, 'PENNY', '-6200.00', '1800.00', '6200.00'],
    ]);
    // AAPL: (12828.125 + 19407.5) / 150 = 214.90416.. -> 214.9042; MSFT: (15200 + 9920) / 37.5 = 669.8666.. -> 669.8667
    expect(json.groups.map((g: { triggerPrice: string }) => g.triggerPrice)).toEqual([
      '214.9042',
      '669.8667',
      '0.0000',
      '0.0000',
    ]);
  });

  it('stress method and the human table', async () => {
    const stress = JSON.parse(
      (await cli(['--positions', EXAMPLE, '--cash', '-30000', '--method', 'stress', '--json'])).out,
    );
    // 15% of each |value|: 4500 + 3076.875 + 558 + 930 = 9064.875 -> 9064.88; PENNY minimum 0.375 × 2000 = 750 < 930
    expect(stress).toMatchObject({ requirement: '9064.88', excess: '1527.62', status: 'ok' });
    const { out, err } = await cli(['--positions', EXAMPLE]);
    expect(err).toContain('no --cash given');
    expect(out).toMatch(/equity\s+40592\.50/);
    expect(out).toMatch(/excess\s+20264\.37/);
  });

  it('names the file and line of a bad row, and bad flags', async () => {
    const bad = file('bad.csv', 'symbol,quantity,price,cost_basis\nAAPL,100,150,120\nMSFT,1e3,400,380\n');
    expect(await cli(['--positions', bad])).toMatchObject({ code: 2 });
    expect((await cli(['--positions', bad])).err).toContain(`${bad}:3: quantity: expected a plain decimal`);
    const price = file('price.csv', 'symbol,quantity,price\nAAPL,100,0\n');
    expect((await cli(['--positions', price])).err).toContain(`${price}:2: price: must be positive`);
    const header = file('header.csv', 'ticker,quantity,price\nAAPL,1,2\n');
    expect((await cli(['--positions', header])).err).toContain(`${header}:1: header: no symbol column`);
    const short = file('short.csv', 'symbol,quantity,price\nAAPL,1\n');
    expect((await cli(['--positions', short])).err).toContain(`${short}:2: expected 3 columns`);
    expect((await cli(['--positions', join(dir, 'none.csv')])).err).toContain('no such file');
    expect((await cli(['--positions', EXAMPLE, '--cash', '1,000'])).err).toContain(
      '--cash: expected a decimal',
    );
    expect((await cli(['--positions', EXAMPLE, '--method', 'span'])).err).toContain('unknown method span');
  });
});
