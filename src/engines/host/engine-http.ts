import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Registry } from 'prom-client';
import type { MessageBus } from '../../bus/message-bus.ts';
import type { Clock } from '../../core/clock.ts';
import { errorBody, NautilusError, toNautilusError } from '../../core/errors.ts';
import { NS_PER_MS, nsToIso } from '../../domain/time.ts';
import { type BusStatusCache, busConnected, lagOf } from './bus-status-cache.ts';
import type { HardwareMonitor } from './hardware-monitor.ts';
import type { HostedEngine } from './hosted-engine.ts';

export interface EngineHttpDeps {
  bus: MessageBus;
  statusCache: BusStatusCache;
  metrics: Registry;
  hardware: HardwareMonitor;
  clock: Clock;
  instanceId: string;
}

/** Fastify's own errors (bad JSON, wrong media type) keep their 4xx status as BAD_REQUEST. */
export function normaliseHttpError(error: unknown): NautilusError {
  if (error instanceof NautilusError) return error;
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500)
    return new NautilusError('BAD_REQUEST', (error as Error).message);
  return toNautilusError(error);
}

const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'request line and headers exceed the 16 kB limit'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request not received in time'],
};

/** Requests node's HTTP parser refuses never reach fastify: answered here in the same error shape. */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] = CLIENT_ERRORS[error.code ?? ''] ?? [
    400,
    `malformed HTTP request (${error.code})`,
  ];
  const body = JSON.stringify(errorBody(new NautilusError('BAD_REQUEST', message)));
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  socket.destroy(error);
}

/** The endpoints every engine serves on its own port. */
export function buildEngineHttp(engine: HostedEngine, deps: EngineHttpDeps): FastifyInstance {
  const app = Fastify({
    logger: false,
    // Malformed URLs (`%zz`, an over-long parameter) are refused before routing: same error shape.
    frameworkErrors: (raw, _request, reply) => {
      const error = normaliseHttpError(raw);
      (reply as FastifyReply).status(error.status).send(errorBody(error));
    },
    clientErrorHandler: answerClientError,
  });

  app.setNotFoundHandler((request, reply) => {
    const error = new NautilusError(
      'NOT_FOUND',
      `no route ${request.method} ${request.url} on engine ${engine.name}`,
    );
    reply.status(error.status).send(errorBody(error));
  });
  app.setErrorHandler((raw, request, reply) => {
    const error = normaliseHttpError(raw);
    if (error.status >= 500) engine.logger.error({ err: raw, url: request.url }, 'HTTP request failed');
    reply.status(error.status).send(errorBody(error));
  });

  app.get('/health', async (_request, reply) => {
    const nowNs = deps.clock.nowNs();
    const status = await deps.statusCache.get().catch(() => null);
    const last = engine.heartbeat.lastNs;
    const ok = engine.state === 'running' || engine.state === 'degraded';
    return reply.status(ok ? 200 : 503).send({
      engine: engine.name,
      instance: deps.instanceId,
      state: engine.state,
      implemented: engine.implemented,
      detail: engine.detail(),
      ...engine.healthFields(),
      uptimeS: engine.startedNs === null ? 0 : Number((nowNs - engine.startedNs) / NS_PER_MS) / 1000,
      bus: {
        transport: deps.bus.transport,
        connected: status ? busConnected(status) : false,
        lag: status ? lagOf(status, engine.name) : null,
      },
      lastHeartbeat: last === null ? null : { at: nsToIso(last), ageMs: Number((nowNs - last) / NS_PER_MS) },
    });
  });

  app.get('/messagebus/status', async () => ({ engine: engine.name, ...(await deps.bus.status()) }));

  app.get('/messagebus/subscriptions', async () => ({
    engine: engine.name,
    group: engine.name,
    declared: {
      subscribes: engine.definition.manifest.subscribes,
      publishes: engine.definition.manifest.publishes,
    },
    active: engine.bus.subscriptions(),
  }));

  app.get('/metrics', async (_request, reply) =>
    reply.type(deps.metrics.contentType).send(await deps.metrics.metrics()),
  );

  app.get('/hardware/status', async () => deps.hardware.status());

  engine.registerRoutes(app);

  return app;
}
