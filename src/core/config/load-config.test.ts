import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NautilusError } from '../errors.ts';
import { loadConfig, parseConfig, setFlagEntry } from './load-config.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nautilus-config-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function failure(run: () => unknown): NautilusError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(NautilusError);
    expect((error as NautilusError).code).toBe('CONFIG_INVALID');
    return error as NautilusError;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('loadConfig', () => {
  it('gives every default with no sources', () => {
    const { config, file } = loadConfig({ cwd: dir, env: {} });
    expect(file).toBeNull();
    expect(config).toMatchObject({
      host: '127.0.0.1',
      dataDir: './data',
      engines: ['all'],
      http: { enabled: true, portOffset: 0 },
      bus: { transport: 'memory', maxLen: 100_000, prefix: 'nautilus' },
      registry: { heartbeatMs: 1000, deadAfterBeats: 3 },
      log: { level: 'info' },
      engineConfig: {},
    });
    expect(config.instanceId).toBeUndefined();
  });

  it('merges defaults < file < env < flags, key by key', () => {
    writeFileSync(
      join(dir, 'nautilus.config.yaml'),
      'host: 0.0.0.0\nbus:\n  transport: redis\n  maxLen: 10\nregistry:\n  heartbeatMs: 200\n',
    );
    const { config, file } = loadConfig({
      cwd: dir,
      env: {
        NAUTILUS_BUS__MAX_LEN: '20',
        NAUTILUS_REGISTRY__HEARTBEAT_MS: '500',
        NAUTILUS_LOG_LEVEL: 'debug',
      },
      overrides: [
        setFlagEntry('registry.heartbeatMs=700'),
        { path: ['engines'], value: ['risk'], source: 'flag --engines' },
      ],
    });
    expect(file).toBe(join(dir, 'nautilus.config.yaml'));
    expect(config.host).toBe('0.0.0.0');
    expect(config.bus.transport).toBe('redis');
    expect(config.bus.maxLen).toBe(20);
    expect(config.bus.codec).toBe('json');
    expect(config.registry.heartbeatMs).toBe(700);
    expect(config.log.level).toBe('debug');
    expect(config.engines).toEqual(['risk']);
  });

  it('reads JSON files from --config or NAUTILUS_CONFIG', () => {
    const path = join(dir, 'custom.json');
    writeFileSync(path, JSON.stringify({ http: { portOffset: 100 } }));
    expect(loadConfig({ cwd: dir, env: {}, configPath: 'custom.json' }).config.http.portOffset).toBe(100);
    expect(loadConfig({ cwd: '/', env: { NAUTILUS_CONFIG: path } }).config.http.portOffset).toBe(100);
  });

  it('refuses a missing explicit file and two auto-detected files', () => {
    expect(failure(() => loadConfig({ cwd: dir, env: {}, configPath: 'nope.yaml' })).message).toMatch(
      /not found/,
    );
    writeFileSync(join(dir, 'nautilus.config.json'), '{}');
    writeFileSync(join(dir, 'nautilus.config.yml'), '{}');
    expect(failure(() => loadConfig({ cwd: dir, env: {} })).message).toMatch(/several config files/);
  });

  it('names the file when it does not parse', () => {
    writeFileSync(join(dir, 'nautilus.config.json'), '{ nope');
    expect(failure(() => loadConfig({ cwd: dir, env: {} })).message).toMatch(
      /cannot read config file .*nautilus\.config\.json/,
    );
  });
});

describe('env variables', () => {
  it('nest on double underscores, camelCase each segment and parse JSON values', () => {
    const { config } = loadConfig({
      cwd: dir,
      env: {
        NAUTILUS_BUS__TRANSPORT: 'redis',
        NAUTILUS_BUS__MARKET_DATA_URL: 'redis://:secret@md:6380',
        NAUTILUS_HTTP__ENABLED: 'false',
        NAUTILUS_ENGINES: 'risk,vpin',
        NAUTILUS_ENGINE_CONFIG__ENHANCED_VPIN__WINDOW: '50',
        PATH: '/usr/bin',
      },
    });
    expect(config.bus.transport).toBe('redis');
    expect(config.bus.marketDataUrl).toBe('redis://:secret@md:6380');
    expect(config.http.enabled).toBe(false);
    expect(config.engines).toEqual(['risk', 'vpin']);
    expect(config.engineConfig['enhanced-vpin']).toEqual({ window: 50 });
  });

  it('rejects an unknown variable by name', () => {
    const error = failure(() => loadConfig({ cwd: dir, env: { NAUTILUS_BUS__MAX_LENGTH: '5' } }));
    expect(error.message).toBe('bus.maxLength: unknown key (from env NAUTILUS_BUS__MAX_LENGTH)');
    expect(failure(() => loadConfig({ cwd: dir, env: { NAUTILUS_FROBNICATE: '1' } })).message).toContain(
      'NAUTILUS_FROBNICATE',
    );
    expect(failure(() => loadConfig({ cwd: dir, env: { NAUTILUS_BUS___X: '1' } })).message).toMatch(
      /^NAUTILUS_BUS___X: not a config variable/,
    );
  });

  it('reports a bad value with key path, types and source', () => {
    const error = failure(() => loadConfig({ cwd: dir, env: { NAUTILUS_BUS__MAX_LEN: 'lots' } }));
    expect(error.message).toBe('bus.maxLen: expected number, got string (from env NAUTILUS_BUS__MAX_LEN)');
  });
});

describe('validation', () => {
  it('rejects unknown keys in a file, naming the file', () => {
    const path = join(dir, 'nautilus.config.json');
    writeFileSync(path, JSON.stringify({ registry: { heartbeat: 5 } }));
    expect(failure(() => loadConfig({ cwd: dir, env: {} })).message).toBe(
      `registry.heartbeat: unknown key (from file ${path})`,
    );
  });

  it('reports every problem, each with its own source', () => {
    const error = failure(() =>
      parseConfig([
        { path: ['bus', 'transport'], value: 'carrier-pigeon', source: 'flag --bus' },
        setFlagEntry('http.portOffset=-1'),
      ]),
    );
    expect(error.message).toContain(
      'bus.transport: expected one of "memory"|"redis", got "carrier-pigeon" (from flag --bus)',
    );
    expect(error.message).toContain('http.portOffset: ');
    expect(error.message).toContain('(from flag --set http.portOffset=-1)');
    expect((error.details as { problems: string[] }).problems).toHaveLength(2);
  });

  it('refuses a malformed --set and prototype keys', () => {
    expect(failure(() => setFlagEntry('bus.maxLen')).message).toBe(
      '--set bus.maxLen: expected key.path=value',
    );
    expect(failure(() => parseConfig([setFlagEntry('__proto__.polluted=1')])).message).toMatch(/invalid key/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('checks engine names and engine sections when given engine schemas', () => {
    const schemas = { risk: z.strictObject({ limit: z.number().default(1) }), vpin: z.strictObject({}) };
    expect(parseConfig([setFlagEntry('engineConfig.risk.limit=2')], schemas).engineConfig.risk).toEqual({
      limit: 2,
    });
    expect(failure(() => parseConfig([setFlagEntry('engines=risk,nope')], schemas)).message).toMatch(
      /^engines\.1: expected one of .*"risk"\|"vpin", got "nope" \(from flag --set engines=risk,nope\)/,
    );
    expect(failure(() => parseConfig([setFlagEntry('engines=all,risk')], schemas)).message).toMatch(
      /"all" cannot be combined/,
    );
    expect(failure(() => parseConfig([setFlagEntry('engineConfig.risk.limit="x"')], schemas)).message).toBe(
      'engineConfig.risk.limit: expected number, got string (from flag --set engineConfig.risk.limit="x")',
    );
    const required = { risk: z.strictObject({ account: z.string() }) };
    expect(failure(() => parseConfig([], required)).message).toBe(
      'engineConfig.risk.account: required string, not set in any source',
    );
    expect(failure(() => parseConfig([setFlagEntry('engineConfig.ml.x=1')], schemas)).message).toMatch(
      /^engineConfig\.ml: unknown key/,
    );
  });
});
