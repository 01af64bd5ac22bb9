import { useEffect, useMemo, useState } from 'react';
import type { VpinOverview, VpinReading, VpinSeries } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { type Column, DataTable } from '../components/data-table.tsx';
import { fmtNum, fmtTime, nsToMs } from '../components/format.ts';
import { ErrorNote, Panel } from '../components/panel.tsx';
import { TimeChart } from '../components/time-chart.tsx';

const SYMBOL_COLUMNS: Column<VpinReading>[] = [
  { header: 'Symbol', cell: (row) => row.symbol },
  {
    header: 'VPIN',
    numeric: true,
    cellTestId: (row) => `vpin-value-${row.symbol}`,
    cell: (row) => fmtNum(row.vpin, 4),
  },
  { header: 'CDF', numeric: true, cell: (row) => fmtNum(row.cdf, 3) },
  {
    header: 'Level',
    cell: (row) => <span className={`badge level-${row.level ?? 'none'}`}>{row.level ?? '–'}</span>,
  },
  { header: 'Time', className: 'muted', cell: (row) => fmtTime(row.tsNs) },
];

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
          <DataTable
            rows={symbols}
            columns={SYMBOL_COLUMNS}
            rowKey={(row) => row.symbol}
            testId="vpin-table"
            rowTestId={(row) => `vpin-row-${row.symbol}`}
            empty={{
              text: 'No VPIN readings yet (the engines warm up for about a minute)',
              testId: 'vpin-empty',
            }}
            onRowClick={(row) => setSymbol(row.symbol)}
            selectedKey={symbol}
          />
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
