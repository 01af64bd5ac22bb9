import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiState } from './api-state.ts';
import { parseOr400, requireRunning, routeOptions, wire } from './route-kit.ts';

const tags = ['market'];
const symbolParams = z.strictObject({ symbol: z.string().min(1).max(64) });
const barsQuery = z.object({
  spec: z.string().min(1).optional().describe('bar spec of the hub, e.g. 1m (default: its first)'),
  from: z.string().regex(/^\d+$/, 'expected ns since the epoch').optional(),
  to: z.string().regex(/^\d+$/, 'expected ns since the epoch').optional(),
  limit: z.coerce.number().int().min(1).max(5_000).optional(),
});

/** The API's own market snapshot per symbol, and the hub's `quote` and `bars` endpoints. */
export function registerMarketRoutes(app: FastifyInstance, state: ApiState, isRunning: () => boolean): void {
  const { bus } = state.ctx;

  app.get(
    '/api/market/:symbol',
    routeOptions({
      tags,
      summary: 'Quote, book, trades and 1-minute bars of a symbol',
      params: symbolParams,
    }),
    async (request) => {
      requireRunning(isRunning);
      const { symbol } = parseOr400(symbolParams, request.params, 'params');
      const snapshot = state.market.get(symbol) ?? { symbol, quote: null, book: null, trades: [], bars: [] };
      return wire(snapshot);
    },
  );

  app.get(
    '/api/quotes/:symbol',
    routeOptions({ tags, summary: "The hub's latest quote", params: symbolParams }),
    async (request) => {
      const { symbol } = parseOr400(symbolParams, request.params, 'params');
      return wire({ symbol, quote: (await bus.request('quote', { symbol })) ?? null });
    },
  );

  app.get(
    '/api/bars/:symbol',
    routeOptions({ tags, summary: "The hub's recent bars", params: symbolParams, querystring: barsQuery }),
    async (request) => {
      const { symbol } = parseOr400(symbolParams, request.params, 'params');
      const query = parseOr400(barsQuery, request.query, 'query');
      const bars = (await bus.request('bars', { symbol, spec: query.spec, limit: query.limit })) as Array<{
        startNs: string | bigint;
      }> | null;
      const from = query.from === undefined ? undefined : BigInt(query.from);
      const to = query.to === undefined ? undefined : BigInt(query.to);
      const inRange = (bars ?? []).filter((bar) => {
        const start = BigInt(bar.startNs);
        return (from === undefined || start >= from) && (to === undefined || start <= to);
      });
      return wire({ symbol, spec: query.spec ?? null, bars: inRange });
    },
  );
}
