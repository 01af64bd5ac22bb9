import { z } from 'zod';
import { apiKeyEntrySchema } from '../../core/api-keys.ts';
import { topics } from '../../domain/topics.ts';
import { defineManifest } from '../manifest.ts';

export const apiConfigSchema = z.strictObject({
  apiKeys: z
    .array(apiKeyEntrySchema)
    .default([])
    .describe(
      'API keys accepted in the x-api-key header: [{name, keyHash: sha256 hex, role}]; empty: localhost clients only, with every right',
    ),
  corsOrigins: z
    .array(z.string().min(1))
    .optional()
    .describe(
      "Browser origins allowed to call the API; others get no CORS headers (default: the origins of the dashboard served by the api engine's host, e.g. http://localhost:3000 and http://127.0.0.1:3000, port offset included)",
    ),
  rateLimit: z
    .strictObject({
      max: z
        .number()
        .int()
        .positive()
        .default(3_000)
        .describe(
          'Requests per key (else per IP) per window (an open dashboard page polls several endpoints each second)',
        ),
      windowMs: z.number().int().positive().default(60_000).describe('Length of the rate-limit window'),
    })
    .default({ max: 3_000, windowMs: 60_000 })
    .describe('Requests per API key (or client IP without one) per window; beyond it 429'),
  orderAnswerMs: z
    .number()
    .int()
    .min(0)
    .default(2_000)
    .describe('POST /api/orders waits this long for the first order event (accepted, denied, filled)'),
});

export type ApiConfig = z.output<typeof apiConfigSchema>;

export const apiManifest = defineManifest({
  name: 'api',
  title: 'Backend API',
  description:
    'REST API for the dashboard and users: market snapshots, orders (through risk and execution), positions, risk, VPIN, factors, alerts, backtests and engine health; OpenAPI at /docs.',
  defaultPort: 8001,
  usesStore: true,
  subscribes: [
    topics.pattern('market_data'),
    topics.pattern('order.command'),
    topics.pattern('order.event'),
    topics.pattern('position.change'),
    topics.pattern('portfolio.update'),
    topics.pattern('portfolio.risk'),
    topics.pattern('risk'),
    topics.pattern('toxicity.alert'),
    topics.pattern('margin.alert'),
    topics.pattern('vpin'),
    topics.pattern('factor'),
    topics.pattern('engine.health'),
  ],
  // Orders go the way a strategy's go: commands to risk, never straight to execution.
  publishes: [topics.order.submit('api'), topics.order.cancel('api')],
  configSchema: apiConfigSchema,
  hostDefaults: ({ dashboardOrigins }) => ({ corsOrigins: [...dashboardOrigins] }),
  implemented: true,
});
