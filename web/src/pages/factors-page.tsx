import type { FactorRow } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { fmtNum, fmtTime } from '../components/format.ts';
import { Empty, ErrorNote, Panel } from '../components/panel.tsx';

interface FactorsView {
  factors: FactorRow[];
  returns: Array<Record<string, unknown>>;
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
            <table className="table" data-testid="factors-table">
              <thead>
                <tr>
                  <th>Factor</th>
                  <th>Time</th>
                  {symbols.map((symbol) => (
                    <th key={symbol} className="num">
                      {symbol}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {factors.map((factor) => (
                  <tr key={factor.name} data-testid={`factor-row-${factor.name}`}>
                    <td>{factor.name}</td>
                    <td className="muted">{fmtTime(factor.tsNs)}</td>
                    {symbols.map((symbol) => (
                      <td key={symbol} className="num" data-testid={`factor-${factor.name}-${symbol}`}>
                        {fmtNum(factor.values?.[symbol] ?? null, 4)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
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
