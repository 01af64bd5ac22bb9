import type { BusStatus, EngineRow } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { type Column, DataTable } from '../components/data-table.tsx';
import { fmtNum } from '../components/format.ts';
import { ErrorNote, Panel } from '../components/panel.tsx';
import { Stat } from '../components/stat.tsx';
import { lagByGroup } from './bus-lag.ts';

const POLL_MS = 1000;

function engineColumns(lag: Map<string, number>): Column<EngineRow>[] {
  return [
    { header: 'Engine', cell: (row) => row.engine },
    {
      header: 'State',
      cell: (row) => (
        <span className={`badge state-${row.state}`} data-testid={`engine-state-${row.engine}`}>
          {row.state}
        </span>
      ),
    },
    {
      header: 'Heartbeat age',
      numeric: true,
      cellTestId: (row) => `engine-age-${row.engine}`,
      cell: (row) => `${fmtNum(row.ageMs, 0)} ms`,
    },
    { header: 'Bus lag', numeric: true, cell: (row) => fmtNum(lag.get(row.engine) ?? null, 0) },
    {
      header: 'Detail',
      className: 'muted ellipsis',
      cellTitle: (row) => row.detail,
      cell: (row) => row.detail,
    },
  ];
}

/** Message type and count; the table has no header row. */
const PUBLISHED_COLUMNS: Column<[string, number]>[] = [
  { header: 'Type', cell: ([type]) => type },
  {
    header: 'Count',
    numeric: true,
    cellTestId: ([type]) => `published-${type}`,
    cell: ([, count]) => fmtNum(count, 0),
  },
];

export function OverviewPage() {
  const engines = usePoll<{ engines: EngineRow[] }>('/api/engines', POLL_MS);
  const bus = usePoll<BusStatus>('/api/bus', POLL_MS);
  const rows = engines.data?.engines ?? [];
  const lag = bus.data ? lagByGroup(bus.data) : new Map<string, number>();
  const running = rows.filter((row) => row.state === 'running').length;
  const throughput = bus.data?.throughput;
  const counters = bus.data?.counters;

  return (
    <div className="page">
      <div className="stat-strip">
        <Stat label="Engines running" value={`${running} / ${rows.length}`} testId="engines-running" />
        <Stat
          label="Published / s"
          value={fmtNum(throughput?.publishedPerS, 1)}
          testId="throughput-published"
        />
        <Stat
          label="Delivered / s"
          value={fmtNum(throughput?.deliveredPerS, 1)}
          testId="throughput-delivered"
        />
        <Stat label="Published total" value={fmtNum(counters?.published, 0)} testId="published-total" />
        <Stat label="Dead-lettered" value={fmtNum(counters?.deadLettered, 0)} testId="dead-lettered" />
        <Stat label="Transport" value={bus.data?.transport ?? '–'} />
      </div>
      <ErrorNote error={engines.error ?? bus.error} />
      <div className="grid-2">
        <Panel title="Engines" testId="engines-panel">
          <DataTable
            rows={rows}
            columns={engineColumns(lag)}
            rowKey={(row) => `${row.engine}-${row.instance}`}
            testId="engines-table"
            rowTestId={(row) => `engine-row-${row.engine}`}
          />
        </Panel>
        <Panel title="Published by type" testId="published-by-type">
          <DataTable
            rows={Object.entries(bus.data?.publishedByType ?? {}).sort((a, b) => b[1] - a[1])}
            columns={PUBLISHED_COLUMNS}
            rowKey={([type]) => type}
            headless
          />
        </Panel>
      </div>
    </div>
  );
}
