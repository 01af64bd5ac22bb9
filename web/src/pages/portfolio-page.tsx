import type { EquityPoint, PortfolioUpdate, Position } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { fmtNum, nsToMs, signClass } from '../components/format.ts';
import { ErrorNote, Panel } from '../components/panel.tsx';
import { Stat } from '../components/stat.tsx';
import { TimeChart } from '../components/time-chart.tsx';
import { OpenOrders } from './portfolio/open-orders.tsx';
import { OrderTicket } from './portfolio/order-ticket.tsx';
import { PositionsTable } from './portfolio/positions-table.tsx';
import { RecentFills } from './portfolio/recent-fills.tsx';

function sumOf(record: Record<string, string> | undefined): number {
  return Object.values(record ?? {}).reduce((sum, value) => sum + Number(value), 0);
}

export function PortfolioPage() {
  const positions = usePoll<{ positions: Position[] }>('/api/positions', 1000);
  const portfolio = usePoll<{ portfolio: PortfolioUpdate | null }>('/api/portfolio', 1000);
  const curve = usePoll<{ points: EquityPoint[] }>('/api/equity-curve', 2000);
  const update = portfolio.data?.portfolio ?? null;
  const realized = sumOf(update?.realizedPnl);
  const unrealized = sumOf(update?.unrealizedPnl);
  const points = (curve.data?.points ?? []).map((point) => ({
    time: nsToMs(point.tsNs) / 1000,
    value: point.equity,
  }));

  return (
    <div className="page">
      <div className="stat-strip">
        <Stat label="Equity" value={fmtNum(update?.equity)} testId="equity" />
        <Stat
          label="Realised PnL"
          value={fmtNum(realized)}
          tone={signClass(realized)}
          testId="realized-pnl"
        />
        <Stat
          label="Unrealised PnL"
          value={fmtNum(unrealized)}
          tone={signClass(unrealized)}
          testId="unrealized-pnl"
        />
        <Stat label="Gross exposure" value={fmtNum(update?.exposures?.gross)} />
        <Stat label="Net exposure" value={fmtNum(update?.exposures?.net)} />
        <Stat
          label="Positions"
          value={String(positions.data?.positions.length ?? 0)}
          testId="positions-count"
        />
      </div>
      <ErrorNote error={positions.error ?? portfolio.error ?? curve.error} />
      <div className="grid-main-side">
        <Panel title="Equity curve" testId="equity-panel">
          <TimeChart
            testId="equity-chart"
            height={240}
            lines={[{ id: 'equity', color: '#4ea1ff', points }]}
          />
        </Panel>
        <Panel title="Paper order ticket" testId="ticket-panel">
          <OrderTicket onPlaced={positions.refresh} />
        </Panel>
      </div>
      <Panel title="Positions" testId="positions-panel">
        <PositionsTable positions={positions.data?.positions ?? []} />
      </Panel>
      <div className="grid-2">
        <Panel title="Open orders" testId="open-orders-panel">
          <OpenOrders />
        </Panel>
        <Panel title="Recent fills" testId="fills-panel">
          <RecentFills />
        </Panel>
      </div>
    </div>
  );
}
