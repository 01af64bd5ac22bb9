import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClock } from '../../core/live-clock.ts';
import { createLogger } from '../../core/logger.ts';
import { topics } from '../../domain/topics.ts';
import { RedisEngineRegistry } from '../../engines/registry/redis-registry.ts';
import { redisTestsEnabled } from '../../testing/redis-server.ts';
import { type BusConfig, busConfigSchema } from '../bus-config.ts';
import { makeTestPki, type TestPki, TlsRedisServer } from '../testing/tls-redis-fixture.ts';
import { waitFor } from '../testing/wait-for.ts';
import { RedisBus } from './redis-bus.ts';
import { redisClientOptions } from './redis-client-options.ts';

const BUS_PASSWORD = `bus-${randomBytes(6).toString('hex')}`;
const WRONG_PASSWORD = `wrong-${randomBytes(6).toString('hex')}`;
const NOPERM_PASSWORD = `noperm-${randomBytes(6).toString('hex')}`;
const users = [
  ['bus', 'on', `>${BUS_PASSWORD}`, '~*', '&*', '+@all'],
  // Connects and authenticates, but may touch only keys nobody uses.
  ['outsider', 'on', `>${NOPERM_PASSWORD}`, '~elsewhere:*', '+@all'],
];

describe.runIf(redisTestsEnabled())('Redis over TLS with ACL users', () => {
  let pki: TestPki;
  let servers: TlsRedisServer[] = [];
  let credentialsFile: string;
  const prefix = `tls-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    pki = await makeTestPki();
    servers = await Promise.all(
      [0, 1, 2].map(() => TlsRedisServer.start(pki, users, { user: 'bus', pass: BUS_PASSWORD })),
    );
    credentialsFile = join(pki.dir, 'redis-credentials.yaml');
    writeFileSync(credentialsFile, `marketData:\n  username: bus\n  password: ${BUS_PASSWORD}\n`);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    if (pki) rmSync(pki.dir, { recursive: true, force: true });
  });

  const config = (overrides: Partial<Record<'marketDataUrl' | 'engineLogicUrl', string>> = {}): BusConfig => {
    const [md, el] = servers;
    return busConfigSchema.parse({
      transport: 'redis',
      // The MarketData lane's user and password come from the credentials file, the other's from its URL.
      marketDataUrl: md!.url(),
      engineLogicUrl: el!.url('bus', BUS_PASSWORD),
      credentialsFile,
      tls: { caFile: pki.caFile, certFile: pki.clientCert, keyFile: pki.clientKey },
      prefix,
      blockMs: 200,
      ...overrides,
    });
  };
  const newBus = (cfg: BusConfig) =>
    new RedisBus(cfg, { clock: new LiveClock(), logger: createLogger({ level: 'silent' }) });

  it('carries both lanes (publish, consume, request/response) and the registry', async () => {
    const bus = newBus(config());
    await bus.start();
    try {
      const got: string[] = [];
      await bus.subscribe('vpin', topics.price.update('AAPL'), (e) => {
        got.push(e.topic);
      });
      await bus.endpoint('risk', 'echo', (body) => ({ echoed: body }));
      bus.publish({
        engine: 'marketdata',
        topic: topics.price.update('AAPL'),
        payload: { symbol: 'AAPL', price: 1, tsNs: 1n },
      });
      await waitFor(() => got.length === 1, 'a price update over the TLS MarketData lane');
      expect(await bus.request('api', 'echo', 42)).toEqual({ echoed: 42 });
      const status = await bus.status();
      expect(status.lanes.every((lane) => lane.connected)).toBe(true);
      expect(JSON.stringify(status)).not.toContain(BUS_PASSWORD);
    } finally {
      await bus.stop();
    }

    const clock = new LiveClock();
    const registry = new RedisEngineRegistry({
      url: servers[2]!.url('bus', BUS_PASSWORD),
      prefix,
      clock,
      heartbeatMs: 1_000,
      deadAfterBeats: 3,
      security: config(),
    });
    expect(await registry.connect(5_000)).toBe(true);
    try {
      const now = clock.nowNs();
      await registry.register({
        engine: 'risk',
        instanceId: 'tls-host',
        host: '127.0.0.1',
        port: null,
        state: 'running',
        implemented: true,
        startedNs: now,
        lastHeartbeatNs: now,
        busLag: null,
      });
      expect((await registry.list()).map((i) => `${i.engine}/${i.instanceId}`)).toEqual(['risk/tls-host']);
      expect(registry.endpoint).not.toContain(BUS_PASSWORD);
    } finally {
      await registry.close();
    }
  });

  it('refuses a wrong password, naming the connection and never the password', async () => {
    const bus = newBus(config({ engineLogicUrl: servers[1]!.url('bus', WRONG_PASSWORD) }));
    const error = await bus.start().then(
      () => undefined,
      (e: Error) => e,
    );
    await bus.stop();
    expect(error?.message).toMatch(/^engine-logic bus Redis \(bus\.engineLogicUrl\) at rediss:.*WRONGPASS/);
    expect(error?.message).not.toContain(WRONG_PASSWORD);

    const registry = new RedisEngineRegistry({
      url: servers[2]!.url('bus', WRONG_PASSWORD),
      prefix,
      clock: new LiveClock(),
      heartbeatMs: 1_000,
      deadAfterBeats: 3,
      security: config(),
    });
    const registryError = await registry.connect(5_000).then(
      () => undefined,
      (e: Error) => e,
    );
    await registry.close();
    expect(registryError?.message).toMatch(/^main Redis \(bus\.mainUrl\).*authentication failed/);
    expect(registryError?.message).not.toContain(WRONG_PASSWORD);
  });

  it('refuses a user without permission on the bus streams, saying which permission', async () => {
    const bus = newBus(config({ engineLogicUrl: servers[1]!.url('outsider', NOPERM_PASSWORD) }));
    const error = await bus.start().then(
      () => undefined,
      (e: Error) => e,
    );
    await bus.stop();
    expect(error?.message).toMatch(
      /^engine-logic bus Redis .*user "outsider" lacks an ACL permission \(NOPERM/,
    );
    expect(error?.message).not.toContain(NOPERM_PASSWORD);
  });

  it('gets nowhere with a plain redis:// client on the TLS port', async () => {
    const client = createClient(
      redisClientOptions({
        connection: 'main',
        url: servers[2]!.url('bus', BUS_PASSWORD, 'redis'),
        bus: config(),
        commandTimeoutMs: 500,
        backoff: { baseMs: 50, maxExponent: 2, capMs: 200 },
      }),
    );
    const errors: string[] = [];
    client.on('error', (e: Error) => errors.push(e.message));
    const connected = client.connect().then(
      () => true,
      () => false,
    );
    const outcome = await Promise.race([
      connected,
      new Promise((r) => setTimeout(() => r('timeout'), 2_000)),
    ]);
    expect(outcome).not.toBe(true);
    expect(client.isReady).toBe(false);
    expect(errors.length).toBeGreaterThan(0);
    client.destroy();
  });
});
