import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  type ApiKeyEntry,
  type ApiRole,
  authenticate,
  hashApiKey,
  roleAllows,
} from '../../../core/api-keys.ts';
import { NautilusError } from '../../../core/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who called (key name, or `local`) and with which role; set by the auth hook on /api routes. */
    principal?: { name: string; role: ApiRole };
  }
}

/** Only the key's hash identifies a caller in memory (rate-limit buckets): keys are never kept or logged. */
export function callerKey(request: FastifyRequest): string {
  const header = request.headers['x-api-key'];
  return typeof header === 'string' && header.length > 0 ? `key:${hashApiKey(header)}` : `ip:${request.ip}`;
}

/**
 * /api routes need a known key (x-api-key) whose role covers the route's `config.role`: 401
 * without one or with an unknown one, 403 for a role too low. Without configured keys only
 * loopback clients are let in, with every right (`local`). Preflights and /docs are open.
 */
export function installAuthHook(app: FastifyInstance, keys: readonly ApiKeyEntry[]): void {
  app.addHook('onRequest', async (request) => {
    if (request.method === 'OPTIONS' || !request.routeOptions.url?.startsWith('/api')) return;
    const auth = authenticate(request.raw, keys);
    if (!auth.ok) throw new NautilusError(auth.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN', auth.reason);
    const needed = request.routeOptions.config.role ?? 'read-only';
    if (!roleAllows(auth.role, needed))
      throw new NautilusError(
        'FORBIDDEN',
        `role ${auth.role} of ${auth.principal} may not do this: needs ${needed}`,
      );
    request.principal = { name: auth.principal, role: auth.role };
  });
}
