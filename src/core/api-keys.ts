import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';

/** One configured key, as the websocket and api engines' `apiKeys` option takes it. */
export const apiKeyEntrySchema = z.strictObject({
  name: z.string().min(1).describe('who the key belongs to (shown in logs and metrics, never the key)'),
  keyHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'keyHash must be the sha256 of the key, 64 lowercase hex digits')
    .describe('sha256 of the key, hex'),
  role: z
    .enum(['read-only', 'trader', 'admin'])
    .describe('read-only: reads; trader: + orders and backtests; admin: + trading state'),
});

/** sha256 of the key, hex: keys are never stored or logged in clear. */
export type ApiKeyEntry = z.output<typeof apiKeyEntrySchema>;
export type ApiRole = ApiKeyEntry['role'] | 'local';

export type AuthResult =
  | { ok: true; principal: string; role: ApiRole }
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

const RANK: Record<ApiRole, number> = { 'read-only': 0, trader: 1, admin: 2, local: 3 };

/** Roles are ordered: local (no keys configured, loopback) > admin > trader > read-only. */
export function roleAllows(role: ApiRole, needed: ApiKeyEntry['role']): boolean {
  return RANK[role] >= RANK[needed];
}
