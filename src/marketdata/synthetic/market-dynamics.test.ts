import { describe, expect, it } from 'vitest';
import { NS_PER_SECOND } from '../../domain/time.ts';
import type { Dynamics } from './dynamics.ts';
import { DEFAULT_INSTRUMENTS } from './instruments.ts';
import { SyntheticMarket } from './synthetic-market.ts';

const btc = DEFAULT_INSTRUMENTS.filter((i) => i.symbol === 'BTCUSDT');

/** Lag-1 autocorrelation of absolute one-second mid returns. */
function absReturnAutocorrelation(dynamics: Partial<Dynamics>, seed: number, seconds: number): number {
  const market = new SyntheticMarket({ instruments: btc, dynamics }, seed);
  const mids: number[] = [];
  let mid = 0;
  for (let s = 1n; s <= BigInt(seconds); s++) {
    for (const e of market.eventsUntil(market.startNs + s * NS_PER_SECOND)) {
      if (e.kind === 'quote') mid = (e.bid + e.ask) / 2;
    }
    mids.push(mid);
  }
  const r = mids.slice(1).map((m, i) => Math.abs(Math.log(m / mids[i]!)));
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  let num = 0;
  let den = 0;
  r.forEach((x, i) => {
    den += (x - mean) ** 2;
    if (i > 0) num += (x - mean) * (r[i - 1]! - mean);
  });
  return num / den;
}

describe('synthetic market dynamics', () => {
  it('clusters volatility: absolute returns are clearly autocorrelated, unlike an iid control', () => {
    const isolated = { jumpRatePerSecond: 0, toxicEpisodeRatePerSecond: 0 };
    const clustered = absReturnAutocorrelation(isolated, 5, 600);
    const iid = absReturnAutocorrelation({ ...isolated, garchAlpha: 0, hawkesAlpha: 0 }, 5, 600);
    expect(clustered).toBeGreaterThan(0.15);
    expect(Math.abs(iid)).toBeLessThan(0.1);
  });

  it('toxic episodes are one-sided and drift with the flow while normal flow stays balanced', () => {
    const es = DEFAULT_INSTRUMENTS.filter((i) => i.symbol === 'ES');
    const dynamics = { toxicEpisodeRatePerSecond: 1 / 20, toxicMeanSeconds: 8 };
    const market = new SyntheticMarket({ instruments: es, dynamics }, 9);
    const volume = { normal: { buy: 0, sell: 0 }, toxic: { with: 0, against: 0 } };
    let toxicDrift = 0;
    let lastPrice: number | undefined;
    const end = market.startNs + 300n * NS_PER_SECOND;
    for (let e = market.next(); e.tsNs <= end; e = market.next()) {
      if (e.kind !== 'trade' || !e.aggressor) continue;
      const regime = market.diagnostics('ES').regime;
      if (regime.kind === 'normal') volume.normal[e.aggressor] += e.size;
      else {
        volume.toxic[e.aggressor === regime.side ? 'with' : 'against'] += e.size;
        const move = lastPrice === undefined ? 0 : e.price - lastPrice;
        toxicDrift += regime.side === 'buy' ? move : -move;
      }
      lastPrice = e.price;
    }
    const normalBuyShare = volume.normal.buy / (volume.normal.buy + volume.normal.sell);
    const toxicShare = volume.toxic.with / (volume.toxic.with + volume.toxic.against);
    expect(toxicShare).toBeGreaterThan(0.7);
    expect(normalBuyShare).toBeGreaterThan(0.4);
    expect(normalBuyShare).toBeLessThan(0.6);
    expect(toxicDrift).toBeGreaterThan(0);
  });
});
