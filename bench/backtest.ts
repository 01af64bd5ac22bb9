import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BacktestOptions, runBacktest } from '../src/engines/backtesting/backtest-runner.ts';
import { readMarketDataFile } from '../src/marketdata/files/read-market-data-file.ts';
import { Ema } from '../src/trading/strategy/indicators.ts';
import { DATA_DIR, writeSyntheticTrades } from './lib/hub-replay-phase.ts';
import { formatTable, progress, type Row, rate, verdict } from './lib/report.ts';

const TARGET_PER_S = 1_000_000;
const TARGET_OVERHEAD = 5;

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** A quotes CSV in the `quotes` layout (timestamp,bid,ask): a random walk, 10 quotes a second. */
function writeSyntheticQuotes(path: string, rows: number): void {
  const lines = ['timestamp,bid,ask'];
  let mid = 1.1;
  const startMs = Date.UTC(2024, 0, 2);
  for (let i = 0; i < rows; i++) {
    mid += (((i * 2_654_435_761) % 7) - 3) * 0.00001;
    const iso = new Date(startMs + i * 100).toISOString().replace('Z', '+00:00');
    lines.push(`${iso},${(mid - 0.00005).toFixed(5)},${(mid + 0.00005).toFixed(5)}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** The same events with no framework: parse, then the EMA-cross rule on each price. */
async function bareLoop(files: string[]): Promise<number> {
  const started = process.hrtime.bigint();
  const fast = new Ema(10);
  const slow = new Ema(20);
  let events = 0;
  let crosses = 0;
  let above: boolean | undefined;
  for (const file of files) {
    for await (const batch of readMarketDataFile(file).batches()) {
      for (const record of batch) {
        const price =
          record.kind === 'bar'
            ? record.close
            : record.kind === 'trade'
              ? record.price
              : (record.bid + record.ask) / 2;
        fast.update(price);
        slow.update(price);
        const now = (fast.value ?? 0) > (slow.value ?? 0);
        if (above !== undefined && now !== above) crosses++;
        above = now;
        events++;
      }
    }
  }
  if (crosses < 0) throw new Error('unreachable');
  return events / seconds(started);
}

async function pipeline(
  label: string,
  options: BacktestOptions,
): Promise<{ perS: number; events: number; fills: number; peakHeapMb: number }> {
  progress(`${label}: backtest through strategy, risk, execution, venue, portfolio`);
  let peakHeap = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  const run = await runBacktest({
    ...options,
    progressEvery: 10_000,
    onProgress: () => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    },
  });
  const perS = run.records / seconds(started);
  if (run.handlerFailures > 0) throw new Error(`${label}: ${run.handlerFailures} handler failures`);
  return { perS, events: run.records, fills: run.orders.fills, peakHeapMb: peakHeap / 2 ** 20 };
}

function emaCross(
  symbol: string,
  quantity: number,
  barSpec: string,
  useQuotes = false,
): BacktestOptions['engineConfig'] {
  return {
    strategy: {
      strategies: [{ name: 'ema-cross', params: { symbol, quantity, fast: 10, slow: 20, useQuotes } }],
      barSpec,
    },
    portfolio: { startingCapital: 100_000 },
  };
}

/**
 * `npm run bench -- backtest [--quick]`: events per second through the whole backtest pipeline
 * for the EMA cross on the USD/JPY 1-minute bars (bid and ask), on quotes, and on a synthetic trade
 * stream; each beside a bare loop over the same events (parse + the same EMA rule).
 */
export async function main(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const loadBefore = loadavg()[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'nautilus-bench-backtest-'));
  try {
    const barFiles = [join(DATA_DIR, 'usdjpy-m1-bid-2013.csv'), join(DATA_DIR, 'usdjpy-m1-ask-2013.csv')];
    const quotesFile = join(dir, 'EURUSD-quotes.csv');
    const tradesFile = join(dir, 'BTCUSDT-trades.csv');
    progress('writing synthetic quotes and trades');
    writeSyntheticQuotes(quotesFile, quick ? 50_000 : 200_000);
    await writeSyntheticTrades(tradesFile, quick ? 100_000 : 1_000_000);
    // Bare loops first: after the pipelines the heap is large and GC would slow them unfairly.
    progress('bare loops');
    const bareBars = median([await bareLoop(barFiles), await bareLoop(barFiles), await bareLoop(barFiles)]);
    const bareTrades = await bareLoop([tradesFile]);
    const bars = await pipeline('bars', {
      dataFiles: barFiles,
      startingCapital: 100_000,
      engineConfig: emaCross('USDJPY', 100_000, '1m-bid'),
    });
    const quotes = await pipeline('quotes', {
      dataFiles: [quotesFile],
      startingCapital: 100_000,
      engineConfig: emaCross('EURUSD', 100_000, '1m', true),
    });
    const trades = await pipeline('trades', {
      dataFiles: [tradesFile],
      startingCapital: 100_000,
      engineConfig: emaCross('BTCUSDT', 0.01, '1m'),
    });
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const overhead = bareBars / bars.perS;
    const loadAfter = loadavg()[0]!;
    const rows: Row[] = [
      {
        metric: `bars: USD/JPY 1m bid+ask, ${bars.events.toLocaleString('en-US')} events, ${bars.fills} fills`,
        value: rate(bars.perS),
        baseline: `${rate(bareBars)} bare loop`,
        ratio: (bars.perS / bareBars).toFixed(4),
        target: `>= ${rate(TARGET_PER_S)}`,
        verdict: verdict(bars.perS >= TARGET_PER_S),
      },
      {
        metric: `framework overhead on bars (bare / pipeline)`,
        value: `${overhead.toFixed(1)}x`,
        target: `<= ${TARGET_OVERHEAD}x`,
        verdict: verdict(overhead <= TARGET_OVERHEAD),
      },
      {
        metric: `quotes: synthetic EURUSD, ${quotes.events.toLocaleString('en-US')} events, ${quotes.fills} fills`,
        value: rate(quotes.perS),
      },
      {
        metric: `trades: synthetic BTCUSDT, ${trades.events.toLocaleString('en-US')} events`,
        value: rate(trades.perS),
        baseline: `${rate(bareTrades)} bare loop`,
        ratio: (trades.perS / bareTrades).toFixed(4),
      },
      {
        metric: 'peak RSS (whole process: files written, then the three pipelines)',
        value: `${peakRssMb.toFixed(0)} MB`,
      },
      {
        metric: 'peak JS heap during the 1M-trade run (sampled every 10k events)',
        value: `${trades.peakHeapMb.toFixed(0)} MB`,
      },
      {
        metric: `machine: ${availableParallelism()} cores, load avg 1 min`,
        value: `${loadBefore.toFixed(2)} -> ${loadAfter.toFixed(2)}`,
      },
    ];
    console.log(formatTable(rows));
    console.log(
      JSON.stringify({
        bar_events_per_s: Math.round(bars.perS),
        quote_events_per_s: Math.round(quotes.perS),
        trade_events_per_s: Math.round(trades.perS),
        bare_loop_events_per_s: Math.round(bareBars),
        bare_loop_trade_events_per_s: Math.round(bareTrades),
        overhead_ratio: Number(overhead.toFixed(2)),
        peak_rss_mb: Math.round(peakRssMb),
        trade_run_peak_heap_mb: Math.round(trades.peakHeapMb),
        bar_events: bars.events,
        quote_events: quotes.events,
        trade_events: trades.events,
        quick,
        cores: availableParallelism(),
        load_avg_1m: [Number(loadBefore.toFixed(2)), Number(loadAfter.toFixed(2))],
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
