import type { InstrumentRegistry } from '../../../trading/instruments/registry.ts';
import type { EngineContext } from '../../engine.ts';
import type { EngineHeartbeats } from '../engine-heartbeats.ts';
import type { ApiConfig } from '../manifest.ts';
import type { MarketSnapshots } from '../market-snapshots.ts';
import type { OrderDesk } from '../order-desk.ts';
import type { OrderRecords, OrderView } from '../order-records.ts';
import type { PositionsView } from '../positions-view.ts';
import type { RiskView } from '../risk-view.ts';
import type { SignalsView } from '../signals-view.ts';

/** What the routes read and act on: the engine's read models, its order desk and its context. */
export interface ApiState {
  ctx: EngineContext<ApiConfig>;
  instruments: InstrumentRegistry;
  market: MarketSnapshots;
  orders: OrderRecords;
  positions: PositionsView;
  risk: RiskView;
  signals: SignalsView;
  heartbeats: EngineHeartbeats;
  desk: OrderDesk;
  /** An order from memory, else from the store. */
  findOrder: (orderId: string) => Promise<OrderView | undefined>;
}
