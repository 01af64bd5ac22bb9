import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { NautilusError } from '../errors.ts';

/**
 * Secrets come from files (mounted by the orchestrator, mode 0600) or env; errors name the file
 * and the setting, never the content.
 */
export function readSecretFile(path: string, setting: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new NautilusError(
      'CONFIG_INVALID',
      `${setting}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  // Editors and `echo` add a final newline that is never part of the secret.
  const secret = text.replace(/\r?\n$/, '');
  if (secret === '') throw new NautilusError('CONFIG_INVALID', `${setting}: ${path} is empty`);
  return secret;
}

/** A JSON or YAML secrets file (YAML is a superset of JSON), parsed to a plain value. */
export function readStructuredSecretFile(path: string, setting: string): unknown {
  const text = readSecretFile(path, setting);
  try {
    return parseYaml(text);
  } catch {
    // The parser's message may quote the file: only the position-free summary is safe.
    throw new NautilusError('CONFIG_INVALID', `${setting}: ${path} is not valid JSON or YAML`);
  }
}

/** Passwords that are the first thing an attacker tries: refused in production mode. */
export const WELL_KNOWN_PASSWORDS: ReadonlySet<string> = new Set([
  '',
  'admin',
  'changeme',
  'default',
  'foobared',
  'nautilus',
  'password',
  'postgres',
  'redis',
  'root',
  'secret',
  'test',
]);
