import { z } from 'zod';
import { busConfigSchema } from '../../bus/bus-config.ts';
import { storeConfigSchema } from '../../store/store-config.ts';

/** Per-engine option schemas, keyed by engine name (the engines layer passes its manifests' schemas). */
export type EngineSchemas = Readonly<Record<string, z.ZodType>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The highest default engine port is 10001: a larger offset would leave the port range. */
const MAX_PORT_OFFSET = 65_535 - 10_001;

/** `risk,vpin` (env, flags) and `["risk","vpin"]` (file, JSON) both name a list of engines. */
function splitList(value: unknown): unknown {
  return typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value;
}

function enginesSchema(names: readonly string[] | undefined) {
  const name = names ? z.enum(['all', ...names]) : z.string().min(1);
  return z
    .preprocess(
      splitList,
      z
        .array(name)
        .min(1)
        .refine(
          (list) => !list.includes('all') || list.length === 1,
          '"all" cannot be combined with engine names',
        ),
    )
    .default(['all'])
    .describe('Engines this process runs: names (comma-separated in env and flags) or "all"');
}

function engineConfigSchema(schemas: EngineSchemas | undefined) {
  const section = schemas
    ? z.strictObject(
        Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, schema.prefault({})])),
      )
    : z.record(z.string(), z.looseObject({}));
  // prefault, not default: an absent section is still parsed, so engine defaults and required keys apply.
  return section
    .prefault({})
    .describe("Per-engine options, keyed by engine name; each checked by its engine's schema");
}

/** The whole config. With `engineSchemas`, engine names and each engine's section are checked too. */
export function buildConfigSchema(engineSchemas?: EngineSchemas) {
  const names = engineSchemas ? Object.keys(engineSchemas) : undefined;
  return z.strictObject({
    mode: z
      .enum(['development', 'production'])
      .default('development')
      .describe(
        'production: `nautilus start` refuses default or missing credentials, plain TCP to remote Redis and an API without keys',
      ),
    instanceId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected 1-64 characters of A-Z a-z 0-9 _ -')
      .optional()
      .describe('Identity of this process on the bus and in the registry (default: host-pid-random)'),
    host: z.string().min(1).default('127.0.0.1').describe('Bind address of the engine HTTP servers'),
    advertiseHost: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Host name the registry shows to others (default: host, or the machine name when host is 0.0.0.0)',
      ),
    dataDir: z.string().min(1).default('./data').describe('Directory for embedded databases and files'),
    engines: enginesSchema(names),
    http: z
      .strictObject({
        enabled: z.boolean().default(true).describe('Serve the per-engine HTTP endpoints'),
        portOffset: z
          .number()
          .int()
          .min(0)
          .max(MAX_PORT_OFFSET)
          .default(0)
          .describe("Added to every engine's default port, so two hosts can run on one machine"),
      })
      .prefault({}),
    dashboard: z
      .strictObject({
        enabled: z
          .boolean()
          .default(true)
          .describe('Serve the web dashboard (needs http.enabled; built from web/ on first start)'),
        port: z
          .number()
          .int()
          .min(0)
          .max(65_535 - MAX_PORT_OFFSET)
          .default(3000)
          .describe('Port of the dashboard, plus http.portOffset'),
        apiUrl: z
          .url()
          .optional()
          .describe("Backend API URL the dashboard calls (default: this host's api engine)"),
        wsUrl: z
          .url()
          .optional()
          .describe("WebSocket URL the dashboard streams from (default: this host's websocket engine)"),
      })
      .prefault({}),
    bus: busConfigSchema,
    store: storeConfigSchema,
    registry: z
      .strictObject({
        heartbeatMs: z.number().int().min(10).default(1_000).describe('Interval of engine heartbeats'),
        deadAfterBeats: z
          .number()
          .int()
          .min(1)
          .default(3)
          .describe('Missed heartbeats after which an instance is shown as dead'),
      })
      .prefault({}),
    audit: z
      .strictObject({
        deliveryLog: z
          .string()
          .min(1)
          .optional()
          .describe(
            'File that records every message a handler finished (instance, group, id, topic), for reconciling distributed runs; {instance} is replaced',
          ),
        topics: z
          .array(z.string().min(1))
          .default(['*'])
          .describe('Topic patterns recorded in audit.deliveryLog'),
      })
      .prefault({}),
    log: z
      .strictObject({ level: z.enum(LOG_LEVELS).default('info').describe('Log level (pino)') })
      .prefault({}),
    engineConfig: engineConfigSchema(engineSchemas),
  });
}

export const configSchema = buildConfigSchema();
export type NautilusConfig = z.output<typeof configSchema>;
