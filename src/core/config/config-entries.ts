import { NautilusError } from '../errors.ts';

/** One value from one source, e.g. `bus.maxLen = 5` from `env NAUTILUS_BUS__MAX_LEN`. */
export interface ConfigEntry {
  path: readonly string[];
  value: unknown;
  /** Named in error messages: `env NAUTILUS_BUS__MAX_LEN`, `file nautilus.config.yaml`, `flag --bus`. */
  source: string;
}

/** The merged raw config, and which source set each path (for error messages). */
export interface MergedConfig {
  raw: Record<string, unknown>;
  sources: Map<string, string>;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Env and flag values are JSON when they parse (`5`, `true`, `["a"]`), text otherwise. */
export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Splits an object into its leaves so a later source overrides single keys, not whole sections. */
export function entriesOf(value: unknown, source: string, path: readonly string[] = []): ConfigEntry[] {
  if (isPlainObject(value) && (Object.keys(value).length > 0 || path.length === 0)) {
    return Object.entries(value).flatMap(([key, child]) => entriesOf(child, source, [...path, key]));
  }
  return [{ path, value, source }];
}

/** Applies entries in order: a later entry overrides an earlier one at the same path. */
export function mergeEntries(entries: readonly ConfigEntry[]): MergedConfig {
  const merged: MergedConfig = { raw: {}, sources: new Map() };
  for (const entry of entries) {
    for (const leaf of entriesOf(entry.value, entry.source, entry.path)) setLeaf(merged, leaf);
  }
  return merged;
}

function setLeaf(merged: MergedConfig, { path, value, source }: ConfigEntry): void {
  const bad = path.find((key) => FORBIDDEN_KEYS.has(key) || key === '');
  if (bad !== undefined || path.length === 0) {
    throw new NautilusError('CONFIG_INVALID', `${path.join('.') || '(root)'}: invalid key (from ${source})`);
  }
  let node = merged.raw;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
  const key = path.join('.');
  for (const existing of [...merged.sources.keys()]) {
    if (existing.startsWith(`${key}.`)) merged.sources.delete(existing);
  }
  merged.sources.set(key, source);
}

/** The source that set `path`, one of its parents, or (for a section) one of its children. */
export function sourceOf(sources: ReadonlyMap<string, string>, path: readonly string[]): string {
  for (let length = path.length; length > 0; length--) {
    const source = sources.get(path.slice(0, length).join('.'));
    if (source) return source;
  }
  const prefix = path.length > 0 ? `${path.join('.')}.` : '';
  for (const [key, source] of sources) if (key.startsWith(prefix)) return source;
  return 'defaults';
}
