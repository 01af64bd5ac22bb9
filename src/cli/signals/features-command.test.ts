import { describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data.ts';
import { featuresCommand } from './features-command.ts';

async function run(flags: Parameters<typeof featuresCommand>[0]) {
  let out = '';
  const code = await featuresCommand(flags, { out: (text) => (out += text) });
  return { code, out };
}

describe('nautilus features', () => {
  it('computes the features over a bar file, deterministic JSON with rows every n bars', async () => {
    const flags = {
      input: sharedData('6EH4.XCME_1min_bars_20240101_20240131.csv.gz'),
      every: '5000',
      json: true,
    };
    const first = await run(flags);
    expect(first.code).toBe(0);
    const json = JSON.parse(first.out);
    expect(json).toMatchObject({ spec: '1m', periodsPerYear: 525_600, badRows: 0 });
    expect(json.bars).toBeGreaterThan(20_000);
    expect(json.rows.length).toBe(Math.floor(json.bars / 5000));
    expect(json.last.vol_garman_klass).toBeGreaterThan(0);
    expect(json.last.rsi).toBeGreaterThan(0);
    expect(json.last.spread).toBeNull();
    expect((await run(flags)).out).toBe(first.out);
  });

  it('gives spread and microprice for a quote file and names bad flags', async () => {
    const quotes = JSON.parse((await run({ input: sharedData('usdjpy-ticks.csv'), json: true })).out);
    expect(quotes).toMatchObject({ layout: 'quotes', records: 1000, bars: 0 });
    expect(quotes.last.spread).toBeGreaterThan(0);
    expect(quotes.last.microprice).toBeGreaterThan(80);
    await expect(run({ input: 'missing.csv' })).rejects.toThrow('--input: no such file missing.csv');
    await expect(run({ input: sharedData('usdjpy-ticks.csv'), window: '1' })).rejects.toThrow(
      '--window: expected an integer >= 2, got 1',
    );
  });
});
