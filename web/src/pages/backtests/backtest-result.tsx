import { useMemo } from 'react';
import type { BacktestDetail } from '../../api/types.ts';
import { usePoll } from '../../api/use-poll.ts';
import { fmtNum, nsToMs } from '../../components/format.ts';
import { ErrorNote } from '../../components/panel.tsx';
import { TimeChart } from '../../components/time-chart.tsx';
import { progressOf } from './progress.ts';

function metricText(value: unknown): string {
  if (typeof value === 'number') return fmtNum(value, 4);
  if (value === null || value === undefined) return '–';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function BacktestResult({ id }: { id: string }) {
  const { data, error } = usePoll<BacktestDetail>(`/api/backtests/${encodeURIComponent(id)}`, 1000);
  const detail = data?.id === id ? data : null;
  const points = useMemo(
    () =>
      (detail?.equityCurve ?? []).map((point) => ({ time: nsToMs(point.tsNs) / 1000, value: point.equity })),
    [detail?.equityCurve],
  );
  const progress = detail ? progressOf(detail) : 0;
  const metrics = Object.entries(detail?.metrics ?? {});
  return (
    <div className="backtest-result">
      <ErrorNote error={error ?? detail?.error ?? null} />
      <div className="progress-row">
        <span className={`badge bt-${detail?.status ?? 'queued'}`} data-testid="bt-status">
          {detail?.status ?? 'loading'}
        </span>
        <div className="progress" data-testid="bt-progress" data-progress={progress}>
          <div className="progress-fill" style={{ width: `${progress * 100}%` }} />
        </div>
        <span className="muted">
          {detail?.progress ? `${detail.progress.done} / ${detail.progress.total} runs` : ''}
        </span>
      </div>
      {metrics.length > 0 && (
        <div className="metric-grid" data-testid="bt-metrics">
          {metrics.map(([name, value]) => (
            <div key={name} className="metric" data-testid={`bt-metric-${name}`}>
              <span className="muted">{name}</span>
              <span>{metricText(value)}</span>
            </div>
          ))}
        </div>
      )}
      <TimeChart testId="bt-equity-chart" height={260} lines={[{ id: 'equity', color: '#26a69a', points }]} />
    </div>
  );
}
