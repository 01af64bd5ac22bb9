import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type ConfigEntry, entriesOf, isPlainObject, mergeEntries } from '../core/config/config-entries.ts';
import type { NautilusConfig } from '../core/config/config-schema.ts';
import { envEntries } from '../core/config/env-source.ts';
import { fileEntries } from '../core/config/file-source.ts';
import { parseConfig } from '../core/config/load-config.ts';
import { NautilusError } from '../core/errors.ts';
import { engineSchemas } from '../engines/host/kernel.ts';
import type { ProcessSpec } from './cluster-plan.ts';

/** bin/nautilus.js runs dist/ when built, else src/ through tsx: the same entry an operator uses. */
export const NAUTILUS_BIN = resolve(import.meta.dirname, '../../bin/nautilus.js');

export interface ClusterEndpoints {
  mainUrl: string;
  marketDataUrl: string;
  engineLogicUrl: string;
  storeUrl: string;
  prefix: string;
}

export interface ProcessConfigInput {
  spec: ProcessSpec;
  endpoints: ClusterEndpoints;
  dataDir: string;
  /** Cluster-wide per-engine options, under the plan's and the process's own. */
  engineConfig: Record<string, unknown>;
  /** `bus.maxLen` -> value: applied last, to every process. */
  set: Record<string, unknown>;
  env: Record<string, string>;
}

/** An empty object would be a leaf that replaces every engine option set before it. */
const engineEntries = (engineConfig: Record<string, unknown>, source: string): ConfigEntry[] =>
  Object.keys(engineConfig).length === 0 ? [] : entriesOf({ engineConfig }, source);

/** The `nautilus start --config` file of one process, validated as the process will validate it. */
export function processConfig(input: ProcessConfigInput): {
  raw: Record<string, unknown>;
  config: NautilusConfig;
} {
  const { spec, endpoints } = input;
  const base = {
    instanceId: spec.instanceId,
    dataDir: input.dataDir,
    engines: spec.engines,
    http: { portOffset: spec.portOffset },
    dashboard: { enabled: spec.dashboard },
    bus: {
      transport: 'redis',
      marketDataUrl: endpoints.marketDataUrl,
      engineLogicUrl: endpoints.engineLogicUrl,
      mainUrl: endpoints.mainUrl,
      prefix: endpoints.prefix,
    },
    store: { url: endpoints.storeUrl },
  };
  const entries: ConfigEntry[] = [
    ...entriesOf(base, `cluster plan (${spec.name})`),
    ...engineEntries(input.engineConfig, 'cluster option engineConfig'),
    ...engineEntries(spec.engineConfig, `process spec ${spec.name}`),
    ...Object.entries(input.set).map(([key, value]) => ({
      path: key.split('.'),
      value,
      source: `cluster set ${key}`,
    })),
  ];
  const { raw } = mergeEntries(entries);
  const store = isPlainObject(raw.store) ? String(raw.store.url) : '';
  if (!/^postgres(ql)?:\/\//.test(store)) {
    throw new NautilusError(
      'CONFIG_INVALID',
      `store.url: a cluster's processes share one PostgreSQL server (PGlite allows one process), got ${store}`,
    );
  }
  try {
    return { raw, config: parseConfig([...entries, ...envEntries(input.env)], engineSchemas()) };
  } catch (error) {
    throw new NautilusError('CONFIG_INVALID', `process ${spec.name}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * The environment of an engine process: this one's without NAUTILUS_* variables (the config file
 * is the whole truth, whatever the shell that ran `cluster up` exported), plus the cluster's env.
 */
export function processEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => !key.startsWith('NAUTILUS_'));
  return { ...Object.fromEntries(inherited), ...env };
}

/** Starts `nautilus start --config <file>` detached, output appended to its log; returns the pid. */
export function spawnEngineProcess(
  configFile: string,
  logFile: string,
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): number {
  mkdirSync(resolve(logFile, '..'), { recursive: true });
  const log = openSync(logFile, 'a');
  try {
    const child = spawn(process.execPath, [...nodeArgs, NAUTILUS_BIN, 'start', '--config', configFile], {
      cwd: resolve(configFile, '..'),
      detached: true,
      stdio: ['ignore', log, log],
      env: processEnv(env),
    });
    child.unref();
    if (child.pid === undefined) throw new NautilusError('INTERNAL', `could not spawn ${process.execPath}`);
    return child.pid;
  } finally {
    closeSync(log);
  }
}

/** A process's effective config, read back from its file (as `nautilus start --config` reads it). */
export function readProcessConfig(configFile: string, env: Record<string, string>): NautilusConfig {
  return parseConfig([...fileEntries(configFile), ...envEntries(env)], engineSchemas());
}

export function writeProcessConfig(dir: string, name: string, config: Record<string, unknown>): string {
  const file = join(dir, 'processes', `${name}.json`);
  mkdirSync(join(dir, 'processes'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}
