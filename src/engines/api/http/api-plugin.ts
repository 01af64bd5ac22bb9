import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { NautilusError } from '../../../core/errors.ts';
import type { ApiState } from './api-state.ts';
import { callerKey, installAuthHook } from './auth-hook.ts';
import { registerBacktestRoutes } from './backtest-routes.ts';
import { registerMarketRoutes } from './market-routes.ts';
import { registerOrderRoutes } from './order-routes.ts';
import { registerPortfolioRoutes } from './portfolio-routes.ts';
import { registerRiskRoutes } from './risk-routes.ts';
import { documentOnlyValidation } from './route-kit.ts';
import { registerSignalRoutes } from './signal-routes.ts';
import { registerSystemRoutes } from './system-routes.ts';

/**
 * The API as one encapsulated fastify plugin on the engine's port: CORS, rate limit, OpenAPI and
 * the auth hook apply to its routes only, not to the host's /health and /metrics. Fastify loads
 * plugins in order before the port listens (or the first inject), so nothing here needs awaiting
 * by the host; errors keep the host's shape (its error handler is inherited).
 */
export function registerApiPlugin(app: FastifyInstance, state: ApiState, isRunning: () => boolean): void {
  const { config } = state.ctx;
  app.register(async (api) => {
    documentOnlyValidation(api);
    await api.register(cors, { origin: config.corsOrigins ?? [], methods: ['GET', 'POST', 'PUT', 'DELETE'] });
    await api.register(rateLimit, {
      max: config.rateLimit.max,
      timeWindow: config.rateLimit.windowMs,
      keyGenerator: callerKey,
      errorResponseBuilder: (_request, context) =>
        new NautilusError(
          'RATE_LIMITED',
          `rate limit: ${context.max} requests per ${context.after}; retry later`,
        ),
    });
    await api.register(swagger, {
      openapi: {
        info: { title: 'Nautilus API', version: '1.0.0', description: state.ctx.manifest.description },
        components: {
          securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
        },
        security: [{ apiKey: [] }],
      },
    });
    await api.register(swaggerUi, { routePrefix: '/docs' });
    installAuthHook(api, config.apiKeys);
    registerSystemRoutes(api, state, isRunning);
    registerMarketRoutes(api, state, isRunning);
    registerOrderRoutes(api, state, isRunning);
    registerPortfolioRoutes(api, state, isRunning);
    registerRiskRoutes(api, state, isRunning);
    registerSignalRoutes(api, state, isRunning);
    registerBacktestRoutes(api, state, isRunning);
  });
}
