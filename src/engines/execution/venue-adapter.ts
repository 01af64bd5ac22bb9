import type { Nanos } from '../../domain/time.ts';
import type { Order } from '../../trading/orders/order.ts';
import { SimulatedVenue } from '../../trading/venue/simulated-venue.ts';
import type { VenueConfig } from '../../trading/venue/venue-config.ts';
import type { MarketData, VenueEvent } from '../../trading/venue/venue-types.ts';

/**
 * What the execution engine needs from a venue. Every call returns the events it produced, in the
 * order they happened: OrderEvents (the engine applies them to its copy of the order and publishes
 * them) and `command_rejected` reports (a cancel or submit the venue refused where the order state
 * machine has no legal event).
 *
 * Paper trading and backtests use `SimulatedVenueAdapter`. A live broker adapter implements the
 * same interface: `submit`/`cancel` send the request and return what is already known (usually
 * `submitted` / `pending_cancel`); broker reports that arrive later (acks, fills, cancels) are
 * either buffered and returned by the next `advanceTo`, or pushed through `listen`, which the
 * engine wires when present. `onMarketData` is a no-op for a live venue (it matches for itself).
 * Times are integer ns (the envelope's event time), never the wall clock, so runs replay exactly.
 */
export interface VenueAdapter {
  /** Prefix of the venue's own order ids, for logs. */
  readonly name: string;
  /** Takes an order in status `initialized`; the adapter keeps its own copy. */
  submit(order: Order, nowNs: Nanos): VenueEvent[];
  cancel(orderId: string, nowNs: Nanos): VenueEvent[];
  /** Matches working orders against one market data event (after commands due by its time). */
  onMarketData(data: MarketData): VenueEvent[];
  /** Releases commands (latency) and expiries due by nowNs. */
  advanceTo(nowNs: Nanos): VenueEvent[];
  /** Push-based adapters: reports that arrive outside any call. */
  listen?(listener: (events: VenueEvent[]) => void): void;
}

/** The simulated venue (src/trading/venue) as a VenueAdapter: one call each way, nothing added. */
export class SimulatedVenueAdapter implements VenueAdapter {
  readonly venue: SimulatedVenue;

  constructor(config: VenueConfig) {
    this.venue = new SimulatedVenue(config);
  }

  get name(): string {
    return this.venue.config.venueName;
  }

  submit(order: Order, nowNs: Nanos): VenueEvent[] {
    return this.venue.submit(order, nowNs);
  }

  cancel(orderId: string, nowNs: Nanos): VenueEvent[] {
    return this.venue.cancel(orderId, nowNs);
  }

  onMarketData(data: MarketData): VenueEvent[] {
    return this.venue.onMarketData(data);
  }

  advanceTo(nowNs: Nanos): VenueEvent[] {
    return this.venue.advanceTo(nowNs);
  }
}
