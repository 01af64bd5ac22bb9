import type { RiskView } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { type Column, DataTable } from '../components/data-table.tsx';
import { fmtNum, fmtTime } from '../components/format.ts';
import { ErrorNote, Panel } from '../components/panel.tsx';
import { Stat } from '../components/stat.tsx';
import { AlertsList } from './risk/alerts-list.tsx';
import { TradingStateControls } from './risk/trading-state-controls.tsx';

/** VaR, ES and the like come first; the other metrics follow in name order. */
const HEADLINE = ['var', 'es', 'expected_shortfall', 'cvar'];

function headlineRank(name: string): number {
  const index = HEADLINE.findIndex((prefix) => name.toLowerCase().startsWith(prefix));
  return index === -1 ? HEADLINE.length : index;
}

type MetricEntry = [string, RiskView['metrics'][string]];

const METRIC_COLUMNS: Column<MetricEntry>[] = [
  { header: 'Metric', cell: ([name]) => name },
  { header: 'Value', numeric: true, cell: ([, metric]) => fmtNum(metric.value, 4) },
  { header: 'As of', className: 'muted', cell: ([, metric]) => fmtTime(metric.tsNs) },
];

export function RiskPage() {
  const risk = usePoll<RiskView>('/api/risk', 1000);
  const metrics = Object.entries(risk.data?.metrics ?? {}).sort(
    ([a], [b]) => headlineRank(a) - headlineRank(b) || a.localeCompare(b),
  );
  const state = risk.data?.tradingState ?? null;
  return (
    <div className="page">
      <div className="stat-strip">
        <Stat
          label="Trading state"
          value={state?.state ?? 'unknown'}
          tone={state?.state === 'ACTIVE' ? 'up' : state ? 'down' : ''}
          testId="trading-state"
        />
        {metrics.slice(0, 5).map(([name, metric]) => (
          <Stat key={name} label={name} value={fmtNum(metric.value, 4)} testId={`risk-stat-${name}`} />
        ))}
      </div>
      <ErrorNote error={risk.error} />
      <div className="grid-2">
        <Panel title="Risk metrics" testId="risk-metrics-panel">
          <DataTable
            rows={metrics}
            columns={METRIC_COLUMNS}
            rowKey={([name]) => name}
            testId="risk-metrics"
            rowTestId={([name]) => `risk-metric-${name}`}
            empty={{ text: 'No risk metrics yet', testId: 'risk-metrics-empty' }}
          />
        </Panel>
        <Panel title="Trading state" testId="trading-state-panel">
          <TradingStateControls state={state} onChanged={risk.refresh} />
          <h3 className="sub">Limits</h3>
          <pre className="code" data-testid="risk-limits">
            {risk.data?.limits ? JSON.stringify(risk.data.limits, null, 2) : 'No limits configured'}
          </pre>
        </Panel>
      </div>
      <Panel title="Alerts" testId="alerts-panel">
        <AlertsList alerts={risk.data?.alerts ?? []} />
      </Panel>
    </div>
  );
}
