import { useState } from 'react';
import type { BacktestOverview } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { ErrorNote, Panel } from '../components/panel.tsx';
import { BacktestForm } from './backtests/backtest-form.tsx';
import { BacktestResult } from './backtests/backtest-result.tsx';
import { BacktestsTable } from './backtests/backtests-table.tsx';

export function BacktestsPage() {
  const list = usePoll<{ backtests: BacktestOverview[] }>('/api/backtests', 1000);
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="page">
      <ErrorNote error={list.error} />
      <div className="grid-side-main">
        <Panel title="Launch a backtest" testId="backtest-form-panel">
          <BacktestForm
            onLaunched={(id) => {
              setSelected(id);
              list.refresh();
            }}
          />
        </Panel>
        <Panel title={selected ? `Backtest ${selected}` : 'Backtest result'} testId="backtest-result-panel">
          {selected ? (
            <BacktestResult id={selected} />
          ) : (
            <div className="empty">Launch or pick a backtest</div>
          )}
        </Panel>
      </div>
      <Panel title="Backtests" testId="backtests-list-panel">
        <BacktestsTable backtests={list.data?.backtests ?? []} selected={selected} onSelect={setSelected} />
      </Panel>
    </div>
  );
}
