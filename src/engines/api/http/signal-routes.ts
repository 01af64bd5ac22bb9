import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NautilusError } from '../../../core/errors.ts';
import { MAX_VPIN_POINTS } from '../signals-view.ts';
import type { ApiState } from './api-state.ts';
import { parseOr400, requireRunning, routeOptions, wire } from './route-kit.ts';

const tags = ['signals'];
const symbolParams = z.strictObject({ symbol: z.string().min(1).max(64) });
const seriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(MAX_VPIN_POINTS).default(100) });

/** VPIN per symbol and its series, and the latest factor values and factor returns. */
export function registerSignalRoutes(app: FastifyInstance, state: ApiState, isRunning: () => boolean): void {
  app.get('/api/vpin', routeOptions({ tags, summary: 'Latest VPIN per symbol' }), async () => {
    requireRunning(isRunning);
    return wire({ symbols: state.signals.latestVpin(), thresholds: state.signals.vpinThresholds });
  });

  app.get(
    '/api/vpin/:symbol',
    routeOptions({
      tags,
      summary: 'VPIN series of a symbol',
      params: symbolParams,
      querystring: seriesQuery,
    }),
    async (request) => {
      requireRunning(isRunning);
      const { symbol } = parseOr400(symbolParams, request.params, 'params');
      const { limit } = parseOr400(seriesQuery, request.query, 'query');
      const series = state.signals.vpinSeries(symbol, limit);
      if (!series) throw new NautilusError('NOT_FOUND', `no VPIN readings for ${symbol} yet`);
      return wire({ symbol, series });
    },
  );

  app.get('/api/factors', routeOptions({ tags, summary: 'Latest factor values and returns' }), async () => {
    requireRunning(isRunning);
    return wire(state.signals.factorList());
  });
}
