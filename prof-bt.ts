import { runBacktest } from './src/engines/backtesting/backtest-runner.ts';
const D = '/work/shared/data';
const t = process.hrtime.bigint();
const run = await runBacktest({
  dataFiles: [`${D}/usdjpy-m1-bid-2013.csv`, `${D}/usdjpy-m1-ask-2013.csv`],
  startingCapital: 100_000,
  engineConfig: {
    strategy: { strategies: [{ name: 'ema-cross', params: { symbol: 'USDJPY', quantity: 100_000, fast: 10, slow: 20 } }], barSpec: '1m-bid' },
    portfolio: { startingCapital: 100_000 },
  },
});
const s = Number(process.hrtime.bigint() - t) / 1e9;
console.log(run.records, (run.records / s).toFixed(0), 'ev/s', run.orders, 'rss', (process.resourceUsage().maxRSS / 1024).toFixed(0));
