import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { onTestFinished } from 'vitest';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { errorBody } from '../../core/errors.ts';
import { createLogger, type Logger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import type { Nanos } from '../../domain/time.ts';
import type { Store } from '../../store/store.ts';
import type { Engine, EngineContext } from '../engine.ts';
import { EngineBus } from '../engine-bus.ts';
import { normaliseHttpError } from '../host/engine-http.ts';
import type { EngineManifest } from '../manifest.ts';

export interface StartEngineOptions<C, E> {
  manifest: EngineManifest;
  create: (ctx: EngineContext<C>) => E;
  /** Already parsed by the manifest's schema. */
  config: C;
  startNs: Nanos;
  logger?: Logger;
  /** Runs on the bus before the engine is built (e.g. another engine's endpoint it calls). */
  beforeStart?: (bus: MemoryBus) => void | Promise<void>;
  /** Given to the engine as the host gives it (the test opens and closes it). */
  store?: Store;
  /** `async` for engines whose work settles in the background (worker pools); default `sync`. */
  busMode?: 'sync' | 'async';
}

/**
 * One engine as the host would run it, for tests: a MemoryBus (synchronous unless `busMode`
 * says otherwise) on a TestClock, its routes on an in-process fastify app with the host's error
 * normalisation, all stopped by `stop()` or, at the latest, when the test finishes.
 */
export async function startEngine<C, E extends Engine<C>>(options: StartEngineOptions<C, E>) {
  const clock = new TestClock(options.startNs);
  const bus = new MemoryBus({ mode: options.busMode ?? 'sync', clock });
  await bus.start();
  await options.beforeStart?.(bus);
  const metrics = new Registry();
  const engine = options.create({
    manifest: options.manifest,
    bus: new EngineBus(bus, options.manifest),
    clock,
    logger: options.logger ?? createLogger({ level: 'silent' }),
    metrics,
    config: options.config,
    instanceId: 'test',
    ...(options.store ? { store: options.store } : {}),
  });
  const app = Fastify();
  app.setErrorHandler((error, _request, reply) => {
    const normalised = normaliseHttpError(error);
    reply.status(normalised.status).send(errorBody(normalised));
  });
  engine.registerRoutes(app, () => true);
  await engine.onStart();
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      await engine.onStop();
      await app.close();
      await bus.stop();
    })();
    return stopped;
  };
  onTestFinished(stop);
  /** GET on the engine's routes, errors shaped as the host's HTTP edge shapes them. */
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };
  return { clock, bus, engine, app, metrics, get, stop };
}
