import type { FastifyInstance } from 'fastify';
import type { ApiState } from './api-state.ts';
import { requireRunning, routeOptions, wire } from './route-kit.ts';

const tags = ['portfolio'];

/** Positions (marked at the API's latest prices), the latest valuation and the equity curve. */
export function registerPortfolioRoutes(
  app: FastifyInstance,
  state: ApiState,
  isRunning: () => boolean,
): void {
  const markOf = (symbol: string): number | undefined => {
    const snapshot = state.market.get(symbol);
    const lastTrade = snapshot?.trades.at(-1)?.price;
    const quote = snapshot?.quote;
    return lastTrade ?? (quote ? (quote.bid + quote.ask) / 2 : undefined);
  };

  app.get('/api/positions', routeOptions({ tags, summary: 'Net positions per instrument' }), async () => {
    requireRunning(isRunning);
    return wire({ positions: state.positions.list(markOf) });
  });

  app.get('/api/portfolio', routeOptions({ tags, summary: 'The latest portfolio.update' }), async () => {
    requireRunning(isRunning);
    return wire({ portfolio: state.positions.portfolio });
  });

  app.get(
    '/api/equity-curve',
    routeOptions({ tags, summary: "The portfolio engine's equity curve" }),
    async () => {
      const points = (await state.ctx.bus.request('equity-curve', {})) as Array<{
        tsNs: unknown;
        equity: number;
      }>;
      return wire({ points: points.map(({ tsNs, equity }) => ({ tsNs, equity })) });
    },
  );
}
