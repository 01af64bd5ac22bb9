import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { errorBody, toNautilusError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { topics } from '../../domain/topics.ts';
import { EngineBus } from '../engine-bus.ts';
import { MlEngine } from './engine.ts';
import { mlConfigSchema, mlManifest } from './manifest.ts';

export const MIN = 60_000_000_000n;
export const T0 = 28_333_000n * MIN;

/** An ml engine on a sync MemoryBus and a TestClock, its routes on a fastify app, and probes on its topics. */
export async function startMl(config: Record<string, unknown>) {
  const clock = new TestClock(T0);
  const bus = new MemoryBus({ mode: 'sync', clock });
  await bus.start();
  const engine = new MlEngine({
    manifest: mlManifest,
    bus: new EngineBus(bus, mlManifest),
    clock,
    logger: createLogger({ level: 'silent' }),
    metrics: new Registry(),
    config: mlConfigSchema.parse(config),
    instanceId: 'test',
  });
  const app = Fastify();
  app.setErrorHandler((error, _request, reply) => {
    const normalised = toNautilusError(error);
    reply.status(normalised.status).send(errorBody(normalised));
  });
  engine.registerRoutes(app, () => true);
  await engine.onStart();
  const predictions: Envelope[] = [];
  const trainings: Envelope[] = [];
  await bus.subscribe('probe', topics.pattern('ml.prediction'), (e) => void predictions.push(e));
  await bus.subscribe('probe', topics.pattern('model.training.complete'), (e) => void trainings.push(e));
  const bar = (symbol: string, minute: number, close: number) =>
    bus.publish({
      engine: 'marketdata',
      topic: topics.marketData.bar(symbol, '1m'),
      payload: {
        kind: 'bar',
        symbol,
        spec: '1m',
        open: close,
        high: close,
        low: close,
        close,
        volume: 1,
        startNs: T0 + BigInt(minute - 1) * MIN,
        endNs: T0 + BigInt(minute) * MIN,
      },
      eventTimeNs: T0 + BigInt(minute) * MIN,
    });
  const features = (symbol: string, minute: number, values: Record<string, number | null>) =>
    bus.publish({
      engine: 'features',
      topic: topics.feature.calculation(symbol),
      payload: {
        symbol,
        bars: minute,
        values,
        volumeProfile: null,
        spec: '1m',
        tsNs: T0 + BigInt(minute) * MIN,
      },
      eventTimeNs: T0 + BigInt(minute) * MIN,
    });
  const inject = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const response = await app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: response.statusCode, body: response.json() };
  };
  const stop = async () => {
    await engine.onStop();
    await bus.stop();
    await app.close();
  };
  return { engine, predictions, trainings, bar, features, inject, stop };
}
