import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MAX_ALERTS } from '../risk-view.ts';
import type { ApiState } from './api-state.ts';
import { limitQuery, parseOr400, requireRunning, routeOptions, wire } from './route-kit.ts';

const tags = ['risk'];
const tradingStateBody = z.strictObject({
  state: z.enum(['ACTIVE', 'REDUCING', 'HALTED']),
  reason: z.string().min(1).max(500),
});
const alertsQuery = limitQuery(MAX_ALERTS, MAX_ALERTS);

/** Trading state, risk metrics and alerts; changing the trading state goes to the risk engine. */
export function registerRiskRoutes(app: FastifyInstance, state: ApiState, isRunning: () => boolean): void {
  app.get(
    '/api/risk',
    routeOptions({ tags, summary: 'Trading state, metrics and recent alerts' }),
    async () => {
      requireRunning(isRunning);
      // The risk engine answers with its state and limits; without it, what the bus last said.
      const status = (await state.ctx.bus
        .request('risk-status', {}, { timeoutMs: 1_000 })
        .catch(() => null)) as {
        tradingState: { state: string; reason: string };
        limits: Record<string, unknown>;
      } | null;
      return wire({
        tradingState: status?.tradingState ?? state.risk.tradingState,
        metrics: state.risk.metricsByName(),
        limits: status?.limits ?? null,
        alerts: state.risk.recentAlerts(),
      });
    },
  );

  app.put(
    '/api/risk/trading-state',
    routeOptions({ tags, summary: 'Set the trading state (admin)', body: tradingStateBody, role: 'admin' }),
    async (request) => {
      requireRunning(isRunning);
      const body = parseOr400(tradingStateBody, request.body, 'body');
      const requestedBy = `api:${request.principal?.name ?? 'unknown'}`;
      const answer = (await state.ctx.bus.request('trading-state', { ...body, requestedBy })) as {
        state: string;
        changed: boolean;
      };
      state.risk.tradingState = { state: answer.state, reason: body.reason };
      return answer;
    },
  );

  app.get(
    '/api/alerts',
    routeOptions({
      tags,
      summary: 'Risk, toxicity and margin alerts, newest first',
      querystring: alertsQuery,
    }),
    async (request) => {
      requireRunning(isRunning);
      const { limit } = parseOr400(alertsQuery, request.query, 'query');
      return wire({ alerts: state.risk.recentAlerts(limit) });
    },
  );
}
