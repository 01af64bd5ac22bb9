import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiState } from './api-state.ts';
import { parseOr400, routeOptions } from './route-kit.ts';

const tags = ['backtests'];
const idParams = z.strictObject({ id: z.string().min(1).max(100) });
/** Checked field by field by the backtesting engine (its 400 names the field); documented here loosely. */
const backtestBody = z.looseObject({
  strategy: z.string(),
  dataFiles: z.array(z.string()),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
});

/** The backtesting engine's bus endpoints behind HTTP; its errors keep their status (404, 400). */
export function registerBacktestRoutes(
  app: FastifyInstance,
  state: ApiState,
  _isRunning: () => boolean,
): void {
  const { bus } = state.ctx;

  app.post(
    '/api/backtests',
    routeOptions({
      tags,
      summary: 'Queue a backtest, sweep or walk-forward',
      body: backtestBody,
      role: 'trader',
    }),
    async (request, reply) =>
      reply.status(202).send(await bus.request('backtest-submit', request.body ?? {})),
  );

  app.get('/api/backtests', routeOptions({ tags, summary: 'Backtests' }), async () =>
    bus.request('backtest-list', {}),
  );

  app.get(
    '/api/backtests/:id',
    routeOptions({ tags, summary: 'A backtest: status, progress, metrics, equity curve', params: idParams }),
    async (request) => {
      const { id } = parseOr400(idParams, request.params, 'params');
      return bus.request('backtest-get', { id });
    },
  );

  app.get(
    '/api/backtests/:id/report',
    routeOptions({ tags, summary: 'The HTML report of a finished backtest', params: idParams }),
    async (request, reply) => {
      const { id } = parseOr400(idParams, request.params, 'params');
      const { html } = (await bus.request('backtest-report', { id })) as { html: string };
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
}
