import type { FactorRow } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { type Column, DataTable } from '../components/data-table.tsx';
import { fmtNum, fmtTime } from '../components/format.ts';
import { Empty, ErrorNote, Panel } from '../components/panel.tsx';

interface FactorsView {
  factors: FactorRow[];
  returns: Array<Record<string, unknown>>;
}

function factorColumns(symbols: string[]): Column<FactorRow>[] {
  return [
    { header: 'Factor', cell: (factor) => factor.name },
    { header: 'Time', className: 'muted', cell: (factor) => fmtTime(factor.tsNs) },
    ...symbols.map(
      (symbol): Column<FactorRow> => ({
        header: symbol,
        key: `symbol-${symbol}`,
        numeric: true,
        cellTestId: (factor) => `factor-${factor.name}-${symbol}`,
        cell: (factor) => fmtNum(factor.values?.[symbol] ?? null, 4),
      }),
    ),
  ];
}

/** Factor values as a factor x symbol grid; unavailable values show as –. */
export function FactorsPage() {
  const { data, error } = usePoll<FactorsView>('/api/factors', 2000);
  const factors = data?.factors ?? [];
  const symbols = [...new Set(factors.flatMap((factor) => Object.keys(factor.values ?? {})))].sort();
  return (
    <div className="page">
      <ErrorNote error={error} />
      <Panel title={`Factors (${factors.length})`} testId="factors-panel">
        {factors.length === 0 ? (
          <Empty testId="factors-empty">No factor calculations yet</Empty>
        ) : (
          <div className="scroll-x">
            <DataTable
              rows={factors}
              columns={factorColumns(symbols)}
              rowKey={(factor) => factor.name}
              testId="factors-table"
              rowTestId={(factor) => `factor-row-${factor.name}`}
            />
          </div>
        )}
      </Panel>
      <Panel title="Factor returns (model)" testId="factor-returns-panel">
        {(data?.returns ?? []).length === 0 ? (
          <Empty testId="factor-returns-empty">No factor-model returns yet</Empty>
        ) : (
          <pre className="code" data-testid="factor-returns">
            {JSON.stringify(data?.returns.slice(-5), null, 2)}
          </pre>
        )}
      </Panel>
    </div>
  );
}
