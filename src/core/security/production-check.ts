import { NautilusError } from '../errors.ts';
import { WELL_KNOWN_PASSWORDS } from './secrets.ts';

/** What the production check looks at, with every secret already resolved (URL, env or file). */
export interface ProductionInput {
  /** The Redis connections in use: none on the memory transport. */
  redis: Array<{ label: string; url: string; password: string | undefined }>;
  /** bus.tls.rejectUnauthorized (only matters with Redis). */
  tlsRejectUnauthorized: boolean;
  /**
   * PGlite is embedded: no listener, no credentials; its data is guarded by the dataDir's file
   * permissions, so it has nothing for this check to refuse. A server needs a real password.
   */
  store: { kind: 'pglite' } | { kind: 'postgres'; password: string | undefined };
  /** The api engine runs in this process, and how many API keys it has. */
  api: { runs: boolean; keys: number };
}

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

function passwordProblem(what: string, password: string | undefined, where: string): string | undefined {
  if (password === undefined || password === '') return `${what}: no password (${where})`;
  if (WELL_KNOWN_PASSWORDS.has(password.toLowerCase()))
    return `${what}: a well-known default password (${where}): use a generated one`;
  return undefined;
}

/** Every reason production mode refuses to start, all at once (empty: good to go). Pure. */
export function productionProblems(input: ProductionInput): string[] {
  const problems: Array<string | undefined> = [];
  for (const redis of input.redis) {
    const url = new URL(redis.url);
    problems.push(passwordProblem(redis.label, redis.password, 'set it in the URL or bus.credentialsFile'));
    if (url.protocol === 'redis:' && !LOOPBACK_HOST.test(url.hostname))
      problems.push(`${redis.label}: TLS is off for ${url.hostname} (use rediss:// and bus.tls)`);
  }
  if (input.redis.length > 0 && !input.tlsRejectUnauthorized)
    problems.push('bus.tls.rejectUnauthorized is false: Redis server certificates are not verified');
  if (input.store.kind === 'postgres')
    problems.push(
      passwordProblem(
        'store (PostgreSQL)',
        input.store.password,
        'set it in store.url, NAUTILUS_STORE__PASSWORD or store.passwordFile',
      ),
    );
  if (input.api.runs && input.api.keys === 0)
    problems.push(
      'api engine: no API keys (it would serve localhost with every right): set engineConfig.api.apiKeys',
    );
  return problems.filter((problem): problem is string => problem !== undefined);
}

/** Throws one CONFIG_INVALID error listing every problem. */
export function assertProductionReady(input: ProductionInput): void {
  const problems = productionProblems(input);
  if (problems.length === 0) return;
  throw new NautilusError(
    'CONFIG_INVALID',
    `production mode: start refused (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
}
