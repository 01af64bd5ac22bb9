import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { NautilusError } from '../errors.ts';
import { type ConfigEntry, entriesOf, isPlainObject } from './config-entries.ts';

export const CONFIG_FILE_NAMES = [
  'nautilus.config.json',
  'nautilus.config.yaml',
  'nautilus.config.yml',
] as const;

/** An explicit path must exist; otherwise the one config file in `cwd`, if any (two is ambiguous). */
export function findConfigFile(cwd: string, explicit: string | undefined): string | null {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) throw new NautilusError('CONFIG_INVALID', `config file not found: ${path}`);
    return path;
  }
  const found = CONFIG_FILE_NAMES.map((name) => resolve(cwd, name)).filter((path) => existsSync(path));
  if (found.length > 1) {
    throw new NautilusError(
      'CONFIG_INVALID',
      `several config files in ${cwd}: ${found.join(', ')}; keep one or pass --config`,
    );
  }
  return found[0] ?? null;
}

/** JSON for `.json`, YAML for anything else (YAML is a superset of JSON). */
export function fileEntries(path: string): ConfigEntry[] {
  let parsed: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    parsed = extname(path) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new NautilusError(
      'CONFIG_INVALID',
      `cannot read config file ${path}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (parsed === null || parsed === undefined) return [];
  if (!isPlainObject(parsed)) {
    throw new NautilusError('CONFIG_INVALID', `config file ${path}: expected an object at the top level`);
  }
  return entriesOf(parsed, `file ${path}`);
}
