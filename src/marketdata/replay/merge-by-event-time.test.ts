import { describe, expect, it } from 'vitest';
import { NautilusError } from '../../core/errors.ts';
import { SHARED_DATA } from '../../testing/shared-data.ts';
import type { FileRecord } from '../files/file-record.ts';
import { readMarketDataFile } from '../files/read-market-data-file.ts';
import { type MergedRecord, mergeByEventTime } from './merge-by-event-time.ts';
import { asyncSource, quoteAt } from './test-records.ts';

const DATA = `${SHARED_DATA}/`;

async function collect(stream: AsyncIterable<MergedRecord>): Promise<MergedRecord[]> {
  const out: MergedRecord[] = [];
  for await (const merged of stream) out.push(merged);
  return out;
}

const tagged = (merged: MergedRecord[]) => merged.map((m) => `${m.eventNs}:${m.record.symbol}`);

describe('mergeByEventTime', () => {
  it('orders by event time, then source index, keeping each source in order', async () => {
    const a = asyncSource([quoteAt(1n, 'a0'), quoteAt(3n, 'a1'), quoteAt(3n, 'a2'), quoteAt(9n, 'a3')]);
    const b = asyncSource([quoteAt(0n, 'b0'), quoteAt(3n, 'b1'), quoteAt(5n, 'b2')]);
    const c = asyncSource([quoteAt(3n, 'c0')]);
    const merged = await collect(mergeByEventTime([a, b, c]));
    expect(tagged(merged)).toEqual(['0:b0', '1:a0', '3:a1', '3:a2', '3:b1', '3:c0', '5:b2', '9:a3']);
    expect(merged.map((m) => [m.source, m.sequence])).toEqual([
      [1, 0],
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 1],
      [2, 0],
      [1, 2],
      [0, 3],
    ]);
  });

  it('orders bars by their close', async () => {
    const bar = (startNs: bigint): FileRecord => ({
      kind: 'bar',
      symbol: 'bar',
      spec: '1m',
      ...{ open: 1, high: 1, low: 1, close: 1, volume: 0 },
      startNs,
      endNs: startNs + 60n,
    });
    const merged = await collect(
      mergeByEventTime([asyncSource([bar(0n)]), asyncSource([quoteAt(30n, 'q')])]),
    );
    expect(tagged(merged)).toEqual(['30:q', '60:bar']);
  });

  it('handles no sources and empty sources', async () => {
    expect(await collect(mergeByEventTime([]))).toEqual([]);
    const merged = await collect(mergeByEventTime([asyncSource([]), asyncSource([quoteAt(1n)])]));
    expect(merged).toHaveLength(1);
  });

  it('fails on a source that goes back in time, naming the source and both times', async () => {
    const bad = asyncSource([quoteAt(5n), quoteAt(4n)]);
    const error = await collect(mergeByEventTime([asyncSource([quoteAt(1n)]), bad])).catch((e) => e);
    expect(error).toBeInstanceOf(NautilusError);
    expect(error.message).toMatch(/^source 1: record 1 at 4 .* before the previous record at 5 /);
  });

  it('closes every source when the consumer stops early', async () => {
    const closed: number[] = [];
    const source = async function* (id: number) {
      try {
        for (let t = 0n; ; t++) yield quoteAt(t);
      } finally {
        closed.push(id);
      }
    };
    for await (const merged of mergeByEventTime([source(0), source(1)])) if (merged.eventNs === 3n) break;
    expect(closed.sort()).toEqual([0, 1]);
  });

  it('merges the bid and ask USDJPY files into one non-decreasing stream', async () => {
    const files = ['usdjpy-m1-bid-2013.csv', 'usdjpy-m1-ask-2013.csv'];
    let count = 0;
    let previousNs = -1n;
    let ordered = true;
    const perSource = [0, 0];
    for await (const merged of mergeByEventTime(files.map((file) => readMarketDataFile(DATA + file)))) {
      count++;
      perSource[merged.source]!++;
      if (merged.eventNs < previousNs) ordered = false;
      previousNs = merged.eventNs;
    }
    expect(count).toBe(28_761 * 2);
    expect(perSource).toEqual([28_761, 28_761]);
    expect(ordered).toBe(true);
  });
});
