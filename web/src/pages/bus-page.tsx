import type { BusStatus } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { fmtNum } from '../components/format.ts';
import { Empty, ErrorNote, Panel } from '../components/panel.tsx';
import { Stat } from '../components/stat.tsx';

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
          <table className="table" data-testid="bus-streams-table">
            <thead>
              <tr>
                <th>Lane</th>
                <th>Stream</th>
                <th className="num">Length</th>
              </tr>
            </thead>
            <tbody>
              {lanes.flatMap((lane) =>
                lane.streams.map((stream) => (
                  <tr key={`${lane.lane}-${stream.stream}`}>
                    <td>{lane.lane}</td>
                    <td>{stream.stream}</td>
                    <td className="num">{fmtNum(stream.length, 0)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </Panel>
        <Panel title="Consumer groups" testId="bus-groups">
          <table className="table" data-testid="bus-groups-table">
            <thead>
              <tr>
                <th>Group</th>
                <th>Stream</th>
                <th className="num">Pending</th>
                <th className="num">Lag</th>
                <th className="num">Consumers</th>
              </tr>
            </thead>
            <tbody>
              {lanes.flatMap((lane) =>
                lane.groups.map((group) => (
                  <tr key={`${lane.lane}-${group.group}-${group.stream}`}>
                    <td>{group.group}</td>
                    <td className="muted">{group.stream}</td>
                    <td className="num">{fmtNum(group.pending, 0)}</td>
                    <td className="num">{fmtNum(group.lag, 0)}</td>
                    <td className="num">{group.consumers}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </Panel>
      </div>
    </div>
  );
}
