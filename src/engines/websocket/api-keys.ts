import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface ApiKeyEntry {
  name: string;
  /** sha256 of the key, hex: keys are never stored or logged in clear. */
  keyHash: string;
  role: 'read-only' | 'trader' | 'admin';
}

export type AuthResult =
  | { ok: true; principal: string; role: ApiKeyEntry['role'] | 'local' }
  | { ok: false; status: 401 | 403; reason: string };

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The key from the `x-api-key` header, else from `?key=` (browsers cannot set upgrade headers). */
export function keyOf(request: IncomingMessage): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.length > 0) return header;
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams.get('key');
  return query ?? undefined;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * With keys configured, a known key is required. With none, the engine is open to loopback
 * clients only: a fresh install works locally and is not exposed by accident.
 */
export function authenticate(request: IncomingMessage, keys: readonly ApiKeyEntry[]): AuthResult {
  if (keys.length === 0) {
    const address = request.socket.remoteAddress ?? '';
    return LOOPBACK.has(address)
      ? { ok: true, principal: 'local', role: 'local' }
      : { ok: false, status: 403, reason: 'no API keys configured: only localhost clients are accepted' };
  }
  const key = keyOf(request);
  if (key === undefined) return { ok: false, status: 401, reason: 'API key required (x-api-key or ?key=)' };
  const hash = Buffer.from(hashApiKey(key), 'hex');
  for (const entry of keys) {
    const expected = Buffer.from(entry.keyHash, 'hex');
    if (expected.length === hash.length && timingSafeEqual(expected, hash))
      return { ok: true, principal: entry.name, role: entry.role };
  }
  return { ok: false, status: 401, reason: 'unknown API key' };
}
