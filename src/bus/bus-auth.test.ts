import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { keygenCommand } from '../cli/security-command.ts';
import { LiveClock } from '../core/live-clock.ts';
import { createLogger } from '../core/logger.ts';
import type { Envelope } from '../domain/envelope.ts';
import { topics } from '../domain/topics.ts';
import { EngineBus } from '../engines/engine-bus.ts';
import { RiskEngine } from '../engines/risk/engine.ts';
import { riskConfigSchema, riskManifest } from '../engines/risk/manifest.ts';
import { redisTestsEnabled } from '../testing/redis-server.ts';
import { BusAuth, generateBusKeyPair, TRADING_ADMIN_ROLE } from './bus-auth.ts';
import { busAuthConfigSchema } from './bus-auth-config.ts';
import { MemoryBus } from './memory/memory-bus.ts';
import type { MessageBus } from './message-bus.ts';
import { RedisBus } from './redis/redis-bus.ts';
import { DualBusFixture } from './testing/redis-fixture.ts';
import { waitFor } from './testing/wait-for.ts';

const dir = mkdtempSync(join(tmpdir(), 'nautilus-bus-auth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const keys = { api: generateBusKeyPair(), strategy: generateBusKeyPair(), intruder: generateBusKeyPair() };
const principalsFile = join(dir, 'principals.json');
writeFileSync(
  principalsFile,
  JSON.stringify({
    api: { publicKey: keys.api.publicKeyPem, roles: [TRADING_ADMIN_ROLE] },
    strategy: { publicKey: keys.strategy.publicKeyPem, roles: ['signals'] },
  }),
);
const logger = createLogger({ level: 'silent' });

/** A process's bus.auth: `who` signs with its own key; the verifier side needs no key. */
function authOf(
  who?: 'api' | 'strategy',
  opts: { enabled?: boolean; pem?: string; now?: () => number } = {},
) {
  return BusAuth.fromConfig(
    busAuthConfigSchema.parse({
      enabled: opts.enabled ?? true,
      principalsFile,
      ...(who ? { principal: who, secretKey: opts.pem ?? keys[who].privateKeyPem } : {}),
    }),
    { logger, ...(opts.now ? { now: opts.now } : {}) },
  );
}

const halt = { state: 'HALTED', reason: 'drill', requestedBy: 'test' };
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function riskOn(bus: MessageBus): Promise<RiskEngine> {
  const engine = new RiskEngine({
    manifest: riskManifest,
    bus: new EngineBus(bus, riskManifest),
    clock: new LiveClock(),
    logger,
    metrics: new Registry(),
    config: riskConfigSchema.parse({}),
    instanceId: bus.instanceId,
  });
  await engine.onStart();
  cleanups.push(() => engine.onStop());
  return engine;
}

type Processes = (
  auth: Record<'risk' | 'api' | 'strategy' | 'unsigned', BusAuth>,
) => Promise<Record<'risk' | 'api' | 'strategy' | 'unsigned', MessageBus>>;

function roleChecks(transport: string, processes: Processes) {
  describe(`bus auth on the ${transport} bus`, () => {
    it('lets only a principal with trading-admin change the trading state', async () => {
      const riskAuth = authOf();
      const buses = await processes({
        risk: riskAuth,
        api: authOf('api'),
        strategy: authOf('strategy'),
        unsigned: authOf(undefined, { enabled: false }),
      });
      const risk = await riskOn(buses.risk);
      for (const who of ['strategy', 'unsigned'] as const) {
        const refused = buses[who].request('strategy', 'trading-state', halt);
        await expect(refused).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
        expect(risk.status().tradingState.state).toBe('ACTIVE');
      }
      await expect(buses.strategy.request('strategy', 'trading-state', halt)).rejects.toThrow(
        'principal "strategy" lacks role trading-admin',
      );
      expect(riskAuth.denied).toBe(3);
      expect(await buses.api.request('api', 'trading-state', halt)).toEqual({
        state: 'HALTED',
        changed: true,
      });
      expect(risk.status().tradingState.state).toBe('HALTED');
      // Endpoints that require no role serve everyone, signed or not.
      await expect(buses.unsigned.request('api', 'risk-status', {})).resolves.toMatchObject({
        tradingState: { state: 'HALTED' },
      });
    });

    it('behaves as before when bus.auth is disabled', async () => {
      const off = () => authOf(undefined, { enabled: false });
      const buses = await processes({ risk: off(), api: off(), strategy: off(), unsigned: off() });
      const risk = await riskOn(buses.risk);
      await buses.unsigned.request('strategy', 'trading-state', halt);
      expect(risk.status().tradingState.state).toBe('HALTED');
    });
  });
}

roleChecks('memory', async (auth) => {
  const risk = new MemoryBus({ instanceId: 'risk-host', auth: auth.risk });
  const buses = {
    risk,
    api: new MemoryBus({ broker: risk.broker, instanceId: 'api-host', auth: auth.api }),
    strategy: new MemoryBus({ broker: risk.broker, instanceId: 'strategy-host', auth: auth.strategy }),
    unsigned: new MemoryBus({ broker: risk.broker, instanceId: 'other-host', auth: auth.unsigned }),
  };
  for (const bus of Object.values(buses)) {
    await bus.start();
    cleanups.push(() => bus.stop());
  }
  return buses;
});

describe.runIf(redisTestsEnabled())('Redis transport', () => {
  let fixture: DualBusFixture | undefined;
  let run = 0;
  afterAll(() => fixture?.stop());
  roleChecks('redis', async (auth) => {
    fixture ??= await DualBusFixture.start({ appendonly: false });
    const config = fixture.config({ prefix: `${fixture.prefix}-${run++}` });
    const make = async (name: keyof typeof auth) => {
      const bus = new RedisBus(config, {
        clock: new LiveClock(),
        logger,
        instanceId: `${name}-host`,
        auth: auth[name],
      });
      await bus.start();
      cleanups.push(() => bus.stop());
      return bus;
    };
    return {
      risk: await make('risk'),
      api: await make('api'),
      strategy: await make('strategy'),
      unsigned: await make('unsigned'),
    };
  });
});

describe('BusAuth.verify', () => {
  const replyTo = topics.rpc.response('api-host');
  it('refuses a forged, altered, replayed or stale request and counts each', () => {
    let now = 1_000_000;
    const clock = () => now;
    const verifier = authOf(undefined, { now: clock });
    const signer = authOf('api', { now: clock });
    const forger = authOf('api', { pem: keys.intruder.privateKeyPem, now: clock });
    const check =
      (sig: ReturnType<BusAuth['sign']>, body: unknown = halt) =>
      () =>
        verifier.verify('trading-state', replyTo, body, sig, TRADING_ADMIN_ROLE);

    expect(check(forger.sign('trading-state', replyTo, halt))).toThrow('bad signature from "api"');
    const signed = signer.sign('trading-state', replyTo, halt);
    expect(check(signed, { ...halt, state: 'ACTIVE' })).toThrow('bad signature');
    expect(check({ ...signed!, principal: 'strategy' })).toThrow('bad signature from "strategy"');
    // Signed for another endpoint: not valid here.
    expect(check(signer.sign('risk-status', replyTo, halt))).toThrow('bad signature');
    expect(check(signed)()).toBe('api');
    expect(check(signed)).toThrow('replayed request from "api"');
    const old = signer.sign('trading-state', replyTo, halt);
    now += 30_001;
    expect(check(old)).toThrow(/stale/);
    expect(check(undefined)).toThrow('unsigned (needs role trading-admin)');
    expect(verifier.denied).toBe(7);
  });

  it('refuses a request whose body was changed on the way, before the handler runs', async () => {
    const bus = new MemoryBus({ instanceId: 'risk-host', auth: authOf() });
    await bus.start();
    cleanups.push(() => bus.stop());
    let ran = 0;
    await bus.endpoint('risk', 'trading-state', () => ran++, { requiredRole: TRADING_ADMIN_ROLE });
    const replies: Envelope[] = [];
    await bus.subscribe('tap', replyTo, (reply) => {
      replies.push(reply);
    });
    const auth = authOf('api').sign('trading-state', replyTo, { state: 'ACTIVE', reason: 'resume' });
    bus.publish({
      engine: 'api',
      topic: topics.rpc.request('trading-state'),
      payload: { endpoint: 'trading-state', body: halt, auth },
      replyTo,
    });
    await waitFor(() => replies.length === 1, 'the refusal');
    expect(replies[0]!.payload).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(ran).toBe(0);
  });
});

describe('nautilus security keygen', () => {
  it('writes a 0600 private key and prints a principals entry that verifies its signatures', () => {
    const out: string[] = [];
    expect(keygenCommand('risk-desk', { dir, roles: 'trading-admin' }, (text) => out.push(text))).toBe(0);
    const keyFile = join(dir, 'risk-desk.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const printed = out
      .join('')
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n');
    const file = join(dir, 'keygen-principals.json');
    writeFileSync(file, printed);
    const config = { enabled: true, principalsFile: file };
    const signer = BusAuth.fromConfig(
      busAuthConfigSchema.parse({ ...config, principal: 'risk-desk', keyFile }),
    );
    const verifier = BusAuth.fromConfig(busAuthConfigSchema.parse(config));
    const replyTo = topics.rpc.response('desk');
    const sig = signer.sign('trading-state', replyTo, halt);
    expect(verifier.verify('trading-state', replyTo, halt, sig, TRADING_ADMIN_ROLE)).toBe('risk-desk');
    expect(() => keygenCommand('risk-desk', { dir }, () => undefined)).toThrow(/exists: not overwriting/);
  });
});
