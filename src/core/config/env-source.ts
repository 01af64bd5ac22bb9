import { NautilusError } from '../errors.ts';
import { type ConfigEntry, parseValue } from './config-entries.ts';

const ENV_PREFIX = 'NAUTILUS_';
/** Read by the loader itself: the config file path. */
export const CONFIG_PATH_VAR = 'NAUTILUS_CONFIG';
/** Conventional shorthand for NAUTILUS_LOG__LEVEL. */
const LOG_LEVEL_VAR = 'NAUTILUS_LOG_LEVEL';

const SEGMENT = /^[A-Z0-9]+(_[A-Z0-9]+)*$/;

function camelCase(segment: string): string {
  return segment.toLowerCase().replace(/_([a-z0-9])/g, (_, next: string) => next.toUpperCase());
}

/**
 * `NAUTILUS_BUS__MAX_LEN` -> `bus.maxLen`: double underscore nests, each segment goes from
 * SNAKE_CASE to camelCase. Engine names are kebab-case, so the segment after ENGINE_CONFIG becomes
 * `enhanced-vpin`, not `enhancedVpin`.
 */
export function envPath(name: string): string[] {
  if (name === LOG_LEVEL_VAR) return ['log', 'level'];
  const segments = name.slice(ENV_PREFIX.length).split('__');
  if (!segments.every((segment) => SEGMENT.test(segment))) {
    throw new NautilusError(
      'CONFIG_INVALID',
      `${name}: not a config variable (use NAUTILUS_SECTION__KEY in SNAKE_CASE, e.g. NAUTILUS_BUS__MAX_LEN)`,
    );
  }
  return segments.map((segment, index) =>
    index === 1 && segments[0] === 'ENGINE_CONFIG'
      ? segment.toLowerCase().replaceAll('_', '-')
      : camelCase(segment),
  );
}

/** The inverse of `envPath`, for documentation. */
export function envName(path: readonly string[]): string {
  const segments = path.map((key, index) =>
    index === 1 && path[0] === 'engineConfig'
      ? key.replaceAll('-', '_').toUpperCase()
      : key.replace(/[A-Z]/g, (upper) => `_${upper}`).toUpperCase(),
  );
  return ENV_PREFIX + segments.join('__');
}

/** Every NAUTILUS_ variable except NAUTILUS_CONFIG is a config value; unknown keys fail validation later. */
export function envEntries(env: NodeJS.ProcessEnv): ConfigEntry[] {
  return Object.keys(env)
    .filter((name) => name.startsWith(ENV_PREFIX) && name !== CONFIG_PATH_VAR)
    .sort()
    .map((name) => ({ path: envPath(name), value: parseValue(env[name] ?? ''), source: `env ${name}` }));
}
