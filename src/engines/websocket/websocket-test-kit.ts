import Fastify from 'fastify';
import { Registry } from 'prom-client';
import WebSocket from 'ws';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { createLogger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import { EngineBus } from '../engine-bus.ts';
import { WebsocketEngine } from './engine.ts';
import { websocketConfigSchema, websocketManifest } from './manifest.ts';

export interface Frame {
  op: string;
  [key: string]: unknown;
}

const brief = ({ op, topic, seq, code, message }: Frame) => ({ op, topic, seq, code, message });

/** A real `ws` client that keeps every frame it received, for tests to wait on. */
export class TestClient {
  readonly frames: Frame[] = [];
  closed: { code: number; reason: string } | undefined;
  private waiters: Array<() => void> = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      this.wake();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  messages(topic?: string): Frame[] {
    return this.frames.filter((f) => f.op === 'message' && (topic === undefined || f.topic === topic));
  }

  /** Resolves once `done()` holds; fails after 5 s with what was received. */
  async until(done: () => boolean, what = 'condition'): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (!done()) {
      if (Date.now() > deadline || (this.closed && !done()))
        throw new Error(`${what} not met; last frames: ${JSON.stringify(this.frames.slice(-5).map(brief))}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async next(op: string): Promise<Frame> {
    const start = this.frames.length;
    await this.until(() => this.frames.slice(start).some((f) => f.op === op), `a ${op} frame`);
    return this.frames.slice(start).find((f) => f.op === op)!;
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

/** A WebSocket engine on a real HTTP server and an async memory bus, as the host runs it. */
export async function startWebsocketEngine(config: Record<string, unknown> = {}) {
  const clock = new TestClock(1_000_000_000n);
  const bus = new MemoryBus({ mode: 'async', clock });
  await bus.start();
  const metrics = new Registry();
  const engine = new WebsocketEngine({
    manifest: websocketManifest,
    bus: new EngineBus(bus, websocketManifest),
    clock,
    logger: createLogger({ level: 'silent' }),
    metrics,
    config: websocketConfigSchema.parse(config),
    instanceId: 'test',
  });
  const app = Fastify();
  engine.registerRoutes(app, () => true);
  await app.listen({ host: '127.0.0.1', port: 0 });
  engine.onStart();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const clients: TestClient[] = [];

  const connect = async (
    query = '',
    headers: Record<string, string> = {},
    options: WebSocket.ClientOptions = {},
  ): Promise<TestClient> => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws${query}`, { ...options, headers });
    const client = new TestClient(socket);
    clients.push(client);
    await client.next('welcome');
    return client;
  };

  const publish = (topic: string, payload: unknown) =>
    bus.publish({ engine: 'test', topic, payload, eventTimeNs: clock.nowNs() });

  const stop = async () => {
    for (const client of clients) client.socket.terminate();
    await engine.onStop();
    await app.close();
    await bus.stop();
  };
  return { engine, bus, clock, metrics, port, connect, publish, stop };
}
