import type { FastifyInstance } from 'fastify';
import type { ApiState } from './api-state.ts';
import { requireRunning, routeOptions, wire } from './route-kit.ts';

const tags = ['system'];

/** Engine heartbeats, the bus status and the instruments. */
export function registerSystemRoutes(app: FastifyInstance, state: ApiState, isRunning: () => boolean): void {
  app.get('/api/engines', routeOptions({ tags, summary: 'Engines by their last heartbeat' }), async () => {
    requireRunning(isRunning);
    return wire({ engines: state.heartbeats.list(state.ctx.clock.nowNs()) });
  });

  app.get(
    '/api/bus',
    routeOptions({ tags, summary: 'Bus status: streams, groups, pending, dead letters, lag' }),
    async () => wire(await state.ctx.bus.status()),
  );

  app.get('/api/instruments', routeOptions({ tags, summary: 'Tradable instruments' }), async () => ({
    instruments: state.instruments.list().map((instrument) => ({
      symbol: instrument.symbol,
      instrumentId: instrument.id,
      assetClass: instrument.kind,
      currency: instrument.quoteCurrency,
      tickSize: instrument.tickSize.toString(),
    })),
  }));
}
