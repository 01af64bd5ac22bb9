import { MarginBook } from '../../src/signals/collateral/margin-book.ts';
import { marginSummary } from '../../src/signals/collateral/report.ts';
import { Fixed } from '../../src/trading/money/fixed.ts';
import { progress, type Row, rate } from './report.ts';

const ACCOUNTS = 1_000;
const POSITIONS = 20;
const SYMBOLS = 200;

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** Deterministic LCG in [0, 1). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Setup {
  /** accounts[a] = [symbol index, signed quantity] × POSITIONS */
  holdings: [number, number][][];
  cash: number[];
  startPrices: number[];
  /** Tick i: symbol and price in cents. */
  ticks: [number, number][];
}

function setup(tickCount: number): Setup {
  const random = prng(42);
  const startPrices = Array.from({ length: SYMBOLS }, () => Math.round(200 + random() * 30_000));
  const holdings = Array.from({ length: ACCOUNTS }, () => {
    const chosen = new Set<number>();
    while (chosen.size < POSITIONS) chosen.add(Math.floor(random() * SYMBOLS));
    return [...chosen].map((s): [number, number] => [
      s,
      (random() < 0.25 ? -1 : 1) * (10 + Math.floor(random() * 500)),
    ]);
  });
  const cash = holdings.map(() => Math.round((random() - 0.7) * 10_000_000) / 100);
  const prices = [...startPrices];
  const ticks = Array.from({ length: tickCount }, (): [number, number] => {
    const s = Math.floor(random() * SYMBOLS);
    prices[s] = Math.max(1, prices[s]! + Math.round((random() - 0.5) * 20));
    return [s, prices[s]!];
  });
  return { holdings, cash, startPrices, ticks };
}

const cents = (value: number) => Fixed.fromUnits(BigInt(value), 2);

/** The engine's path: exact incremental re-margin of every holder, then its call check to the cent. */
function exactIncremental(data: Setup): number {
  const book = new MarginBook({ method: 'regt' });
  data.holdings.forEach((positions, a) => {
    book.setCash(`a${a}`, Fixed.parse(data.cash[a]!.toFixed(2)));
    for (const [s, q] of positions)
      book.setPosition(`a${a}`, `S${s}`, Fixed.of(BigInt(q)), cents(data.startPrices[s]!));
  });
  const ticks = data.ticks.map(([s, p]): [string, Fixed] => [`S${s}`, cents(p)]);
  let remargins = 0;
  let calls = 0;
  const started = process.hrtime.bigint();
  for (const [symbol, price] of ticks)
    for (const account of book.mark(symbol, price)) {
      remargins++;
      if (marginSummary(book.totals(account)!).call.isPositive()) calls++;
    }
  const elapsed = seconds(started);
  if (calls < 0) throw new Error('unreachable');
  return remargins / elapsed;
}

/** Baseline: a bare float loop recomputing each holder's 20 positions (same Reg T / 4210 rules). */
function floatFullLoop(data: Setup): number {
  const prices = data.startPrices.map((p) => p / 100);
  const holders: number[][] = Array.from({ length: SYMBOLS }, () => []);
  data.holdings.forEach((positions, a) => {
    for (const [s] of positions) holders[s]!.push(a);
  });
  let remargins = 0;
  let calls = 0;
  const started = process.hrtime.bigint();
  for (const [s, p] of data.ticks) {
    prices[s] = p / 100;
    for (const a of holders[s]!) {
      let equity = data.cash[a]!;
      let requirement = 0;
      for (const [sym, q] of data.holdings[a]!) {
        const price = prices[sym]!;
        const value = q * price;
        equity += value;
        if (q > 0) requirement += 0.25 * value;
        else if (price >= 5) requirement += Math.max(5 * -q, -0.3 * value);
        else requirement += Math.max(2.5 * -q, -value);
      }
      remargins++;
      if (equity < requirement) calls++;
    }
  }
  const elapsed = seconds(started);
  if (calls < 0) throw new Error('unreachable');
  return remargins / elapsed;
}

/**
 * Collateral: accounts re-margined per second on price ticks (1,000 accounts × 20 positions over
 * 200 symbols, ~100 holders per tick), exact and incremental as the engine does it, against a
 * bare float loop that recomputes each holder's 20 positions.
 */
export async function runCollateralPhase(
  quick: boolean,
): Promise<{ rows: Row[]; json: Record<string, number> }> {
  progress('collateral: 1,000 accounts × 20 positions, re-margin on price ticks');
  const data = setup(quick ? 500 : 2_000);
  const repeats = quick ? 3 : 5;
  const exact: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < repeats; r++) {
    bare.push(floatFullLoop(data));
    exact.push(exactIncremental(data));
  }
  const perS = median(exact);
  const baseline = median(bare);
  return {
    rows: [
      {
        metric: 'accounts re-margined/s on ticks (exact, incremental)',
        value: rate(perS),
        baseline: rate(baseline),
        ratio: `${(baseline / perS).toFixed(1)}x slower`,
        target: '',
        verdict: '',
      },
    ],
    json: { remargins_per_s: Math.round(perS), remargins_bare_float_per_s: Math.round(baseline) },
  };
}
