import type { BusStatus, EngineRow } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { fmtNum } from '../components/format.ts';
import { ErrorNote, Panel } from '../components/panel.tsx';
import { Stat } from '../components/stat.tsx';
import { lagByGroup } from './bus-lag.ts';

const POLL_MS = 1000;

export function OverviewPage() {
  const engines = usePoll<{ engines: EngineRow[] }>('/api/engines', POLL_MS);
  const bus = usePoll<BusStatus>('/api/bus', POLL_MS);
  const rows = engines.data?.engines ?? [];
  const lag = bus.data ? lagByGroup(bus.data) : new Map<string, number>();
  const running = rows.filter((row) => row.state === 'running').length;

  return (
    <div className="page">
      <div className="stat-strip">
        <Stat label="Engines running" value={`${running} / ${rows.length}`} testId="engines-running" />
        <Stat
          label="Published / s"
          value={fmtNum(bus.data?.throughput.publishedPerS, 1)}
          testId="throughput-published"
        />
        <Stat
          label="Delivered / s"
          value={fmtNum(bus.data?.throughput.deliveredPerS, 1)}
          testId="throughput-delivered"
        />
        <Stat
          label="Published total"
          value={fmtNum(bus.data?.counters.published, 0)}
          testId="published-total"
        />
        <Stat
          label="Dead-lettered"
          value={fmtNum(bus.data?.counters.deadLettered, 0)}
          testId="dead-lettered"
        />
        <Stat label="Transport" value={bus.data?.transport ?? '–'} />
      </div>
      <ErrorNote error={engines.error ?? bus.error} />
      <div className="grid-2">
        <Panel title="Engines" testId="engines-panel">
          <table className="table" data-testid="engines-table">
            <thead>
              <tr>
                <th>Engine</th>
                <th>State</th>
                <th className="num">Heartbeat age</th>
                <th className="num">Bus lag</th>
                <th>Detail</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.engine}-${row.instance}`} data-testid={`engine-row-${row.engine}`}>
                  <td>{row.engine}</td>
                  <td>
                    <span className={`badge state-${row.state}`} data-testid={`engine-state-${row.engine}`}>
                      {row.state}
                    </span>
                  </td>
                  <td className="num" data-testid={`engine-age-${row.engine}`}>
                    {fmtNum(row.ageMs, 0)} ms
                  </td>
                  <td className="num">{fmtNum(lag.get(row.engine) ?? null, 0)}</td>
                  <td className="muted ellipsis" title={row.detail}>
                    {row.detail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
        <Panel title="Published by type" testId="published-by-type">
          <table className="table">
            <tbody>
              {Object.entries(bus.data?.publishedByType ?? {})
                .sort((a, b) => b[1] - a[1])
                .map(([type, count]) => (
                  <tr key={type}>
                    <td>{type}</td>
                    <td className="num" data-testid={`published-${type}`}>
                      {fmtNum(count, 0)}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </Panel>
      </div>
    </div>
  );
}
