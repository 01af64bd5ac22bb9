import type { BusGroup, BusStatus } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { type Column, DataTable } from '../components/data-table.tsx';
import { fmtNum } from '../components/format.ts';
import { Empty, ErrorNote, Panel } from '../components/panel.tsx';
import { Stat } from '../components/stat.tsx';

interface StreamRow {
  lane: string;
  stream: string;
  length: number;
}

const STREAM_COLUMNS: Column<StreamRow>[] = [
  { header: 'Lane', cell: (row) => row.lane },
  { header: 'Stream', cell: (row) => row.stream },
  { header: 'Length', numeric: true, cell: (row) => fmtNum(row.length, 0) },
];

const GROUP_COLUMNS: Column<BusGroup & { lane: string }>[] = [
  { header: 'Group', cell: (row) => row.group },
  { header: 'Stream', className: 'muted', cell: (row) => row.stream },
  { header: 'Pending', numeric: true, cell: (row) => fmtNum(row.pending, 0) },
  { header: 'Lag', numeric: true, cell: (row) => fmtNum(row.lag, 0) },
  { header: 'Consumers', numeric: true, cell: (row) => row.consumers },
];

export function BusPage() {
  const { data, error } = usePoll<BusStatus>('/api/bus', 1000);
  const counters = data?.counters ?? {};
  const lanes = data?.lanes ?? [];
  return (
    <div className="page">
      <div className="stat-strip">
        <Stat label="Published" value={fmtNum(counters.published, 0)} testId="bus-published" />
        <Stat label="Delivered" value={fmtNum(counters.delivered, 0)} testId="bus-delivered" />
        <Stat label="Acked" value={fmtNum(counters.acked, 0)} />
        <Stat label="Handler failures" value={fmtNum(counters.handlerFailures, 0)} />
        <Stat label="Dead letters" value={fmtNum(counters.deadLettered, 0)} testId="bus-dead-letters" />
        <Stat label="Buffered" value={fmtNum(counters.buffered, 0)} />
      </div>
      <ErrorNote error={error} />
      <div className="grid-2">
        <Panel title="Streams" testId="bus-streams">
          {lanes.every((lane) => lane.streams.length === 0) && (
            <Empty testId="bus-streams-empty">
              No streams: the {data?.transport ?? ''} transport keeps its messages in process; on Redis every
              stream of each lane is listed here
            </Empty>
          )}
          <DataTable
            rows={lanes.flatMap((lane) => lane.streams.map((stream) => ({ lane: lane.lane, ...stream })))}
            columns={STREAM_COLUMNS}
            rowKey={(row) => `${row.lane}-${row.stream}`}
            testId="bus-streams-table"
          />
        </Panel>
        <Panel title="Consumer groups" testId="bus-groups">
          <DataTable
            rows={lanes.flatMap((lane) => lane.groups.map((group) => ({ lane: lane.lane, ...group })))}
            columns={GROUP_COLUMNS}
            rowKey={(row) => `${row.lane}-${row.group}-${row.stream}`}
            testId="bus-groups-table"
          />
        </Panel>
      </div>
    </div>
  );
}
