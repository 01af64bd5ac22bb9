import { useEffect, useMemo, useState } from 'react';
import type { VpinOverview, VpinSeries } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { fmtNum, fmtTime, nsToMs } from '../components/format.ts';
import { Empty, ErrorNote, Panel } from '../components/panel.tsx';
import { TimeChart } from '../components/time-chart.tsx';

export function VpinPage() {
  const overview = usePoll<VpinOverview>('/api/vpin', 2000);
  const symbols = overview.data?.symbols ?? [];
  const [symbol, setSymbol] = useState<string | null>(null);
  useEffect(() => {
    // Prefer a symbol whose CDF is known: its chart shows the warning and critical lines.
    const first = symbols.find((row) => row.cdf !== null) ?? symbols[0];
    if (symbol === null && first) setSymbol(first.symbol);
  }, [symbol, symbols]);
  const series = usePoll<VpinSeries>(
    symbol ? `/api/vpin/${encodeURIComponent(symbol)}?limit=500` : null,
    2000,
  );
  const thresholds = overview.data?.thresholds ?? { warning: 0.9, critical: 0.99 };

  const lines = useMemo(() => {
    const rows = series.data?.symbol === symbol ? (series.data?.series ?? []) : [];
    const time = (tsNs: string) => nsToMs(tsNs) / 1000;
    return [
      {
        id: 'vpin',
        color: '#4ea1ff',
        points: rows.map((row) => ({ time: time(row.tsNs), value: row.vpin })),
      },
      {
        id: 'cdf',
        color: '#c792ea',
        priceScaleId: 'left' as const,
        points: rows.flatMap((row) => (row.cdf === null ? [] : [{ time: time(row.tsNs), value: row.cdf }])),
        levels: [
          { price: thresholds.warning, color: '#f0b429', title: 'warning' },
          { price: thresholds.critical, color: '#ef5350', title: 'critical' },
        ],
      },
    ];
  }, [series.data, symbol, thresholds.warning, thresholds.critical]);

  return (
    <div className="page">
      <ErrorNote error={overview.error ?? series.error} />
      <div className="grid-side-main">
        <Panel title="Symbols" testId="vpin-symbols-panel">
          {symbols.length === 0 ? (
            <Empty testId="vpin-empty">No VPIN readings yet (the engines warm up for about a minute)</Empty>
          ) : (
            <table className="table clickable" data-testid="vpin-table">
              <thead>
                <tr>
                  <th>Symbol</th>
                  <th className="num">VPIN</th>
                  <th className="num">CDF</th>
                  <th>Level</th>
                  <th>Time</th>
                </tr>
              </thead>
              <tbody>
                {symbols.map((row) => (
                  <tr
                    key={row.symbol}
                    className={row.symbol === symbol ? 'selected' : ''}
                    onClick={() => setSymbol(row.symbol)}
                    data-testid={`vpin-row-${row.symbol}`}
                  >
                    <td>{row.symbol}</td>
                    <td className="num" data-testid={`vpin-value-${row.symbol}`}>
                      {fmtNum(row.vpin, 4)}
                    </td>
                    <td className="num">{fmtNum(row.cdf, 3)}</td>
                    <td>
                      <span className={`badge level-${row.level ?? 'none'}`}>{row.level ?? '–'}</span>
                    </td>
                    <td className="muted">{fmtTime(row.tsNs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
        <Panel
          title={`${symbol ?? ''} VPIN (right) and CDF (left, thresholds ${thresholds.warning} / ${thresholds.critical})`}
          testId="vpin-chart-panel"
        >
          <TimeChart testId="vpin-chart" height={320} lines={lines} />
        </Panel>
      </div>
    </div>
  );
}
