import { NautilusError } from '../errors.ts';
import { type ConfigEntry, mergeEntries, parseValue } from './config-entries.ts';
import { configError } from './config-issues.ts';
import { buildConfigSchema, type EngineSchemas, type NautilusConfig } from './config-schema.ts';
import { CONFIG_PATH_VAR, envEntries } from './env-source.ts';
import { fileEntries, findConfigFile } from './file-source.ts';

export interface LoadConfigOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** --config; falls back to NAUTILUS_CONFIG, then to a config file found in `cwd`. */
  configPath?: string;
  /** CLI flags, highest precedence, in the order given. */
  overrides?: readonly ConfigEntry[];
  /** When given, engine names and each engine's section are validated too. */
  engineSchemas?: EngineSchemas;
}

export interface LoadedConfig {
  config: NautilusConfig;
  /** The config file read, if any. */
  file: string | null;
}

/** Defaults < config file < NAUTILUS_* env < CLI flags; anything unknown or invalid is CONFIG_INVALID. */
export function loadConfig(opts: LoadConfigOptions = {}): LoadedConfig {
  const env = opts.env ?? process.env;
  const file = findConfigFile(opts.cwd ?? process.cwd(), opts.configPath ?? env[CONFIG_PATH_VAR]);
  const entries = [...(file ? fileEntries(file) : []), ...envEntries(env), ...(opts.overrides ?? [])];
  return { config: parseConfig(entries, opts.engineSchemas), file };
}

/** Validates merged entries against the schema: also how tests and embedders build a config. */
export function parseConfig(entries: readonly ConfigEntry[], engineSchemas?: EngineSchemas): NautilusConfig {
  const merged = mergeEntries(entries);
  const parsed = buildConfigSchema(engineSchemas).safeParse(merged.raw, { reportInput: true });
  if (!parsed.success) throw configError(parsed.error, merged);
  return parsed.data as NautilusConfig;
}

/** `--set bus.maxLen=5` -> an entry (values are JSON when they parse, text otherwise). */
export function setFlagEntry(assignment: string): ConfigEntry {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new NautilusError('CONFIG_INVALID', `--set ${assignment}: expected key.path=value`);
  const path = assignment.slice(0, eq).split('.');
  return { path, value: parseValue(assignment.slice(eq + 1)), source: `flag --set ${assignment}` };
}
