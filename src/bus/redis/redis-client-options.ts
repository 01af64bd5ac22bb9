import { z } from 'zod';
import { NautilusError } from '../../core/errors.ts';
import { redactUrl } from '../../core/logger.ts';
import { readSecretFile, readStructuredSecretFile } from '../../core/security/secrets.ts';
import type { Lane } from '../../domain/message-types.ts';
import type { BusConfig } from '../bus-config.ts';

/** The three Redis connections of a process, by the name the credentials file uses. */
export type RedisConnectionName = 'marketData' | 'engineLogic' | 'main';

export const REDIS_CONNECTION_LABEL: Record<RedisConnectionName, string> = {
  marketData: 'MarketData bus Redis (bus.marketDataUrl)',
  engineLogic: 'engine-logic bus Redis (bus.engineLogicUrl)',
  main: 'main Redis (bus.mainUrl)',
};

export function connectionOfLane(lane: Lane): RedisConnectionName {
  return lane === 'market_data' ? 'marketData' : 'engineLogic';
}

const credentialsSchema = z.strictObject({
  username: z.string().min(1).optional(),
  password: z.string(),
});
const credentialsFileSchema = z.strictObject({
  marketData: credentialsSchema.optional(),
  engineLogic: credentialsSchema.optional(),
  main: credentialsSchema.optional(),
});

export interface RedisCredentials {
  username?: string;
  password?: string;
  /** Where they came from: the URL wins over bus.credentialsFile. */
  source: 'url' | 'file' | 'none';
}

type SecurityConfig = Pick<BusConfig, 'tls' | 'credentialsFile'>;

/** The credentials a connection authenticates with; the file is read on every call (start-up only). */
export function redisCredentials(
  connection: RedisConnectionName,
  url: string,
  bus: SecurityConfig,
): RedisCredentials {
  const parsed = new URL(url);
  if (parsed.username || parsed.password) {
    return {
      ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
      ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
      source: 'url',
    };
  }
  if (!bus.credentialsFile) return { source: 'none' };
  const result = credentialsFileSchema.safeParse(
    readStructuredSecretFile(bus.credentialsFile, 'bus.credentialsFile'),
  );
  if (!result.success) {
    // Issue paths only: a message could echo a value, and values here are passwords.
    const where = result.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new NautilusError(
      'CONFIG_INVALID',
      `bus.credentialsFile: ${bus.credentialsFile} must be {marketData|engineLogic|main: {username?, password}}; wrong at ${where}`,
    );
  }
  const entry = result.data[connection];
  return entry ? { ...entry, source: 'file' } : { source: 'none' };
}

/** Socket settings for a rediss:// URL from bus.tls; plain redis:// URLs get none. */
function tlsSocket(url: string, tls: BusConfig['tls']) {
  if (!url.startsWith('rediss://')) return {};
  return {
    tls: true as const,
    rejectUnauthorized: tls.rejectUnauthorized,
    ...(tls.caFile ? { ca: readSecretFile(tls.caFile, 'bus.tls.caFile') } : {}),
    ...(tls.certFile ? { cert: readSecretFile(tls.certFile, 'bus.tls.certFile') } : {}),
    ...(tls.keyFile ? { key: readSecretFile(tls.keyFile, 'bus.tls.keyFile') } : {}),
  };
}

/** Replies that retrying cannot fix: the connection gives up and says why. */
export function explainFatalRedisError(
  connection: RedisConnectionName,
  url: string,
  cause: unknown,
  username: string | undefined,
): NautilusError | undefined {
  const message = cause instanceof Error ? cause.message : '';
  const user = `user "${username ?? 'default'}"`;
  const where = `${REDIS_CONNECTION_LABEL[connection]} at ${redactUrl(url)}`;
  let why: string | undefined;
  if (message.startsWith('WRONGPASS'))
    why = `authentication failed for ${user} (WRONGPASS): wrong password or the user is disabled; check the URL or bus.credentialsFile`;
  else if (message.startsWith('NOAUTH'))
    why =
      'the server requires authentication (NOAUTH): give a username and password in the URL or bus.credentialsFile';
  else if (message.startsWith('NOPERM'))
    why = `${user} lacks an ACL permission (${message}); it needs the stream, script and client commands on the bus prefix keys (README "Security")`;
  return why ? new NautilusError('BUS_UNAVAILABLE', `${where}: ${why}`, { cause }) : undefined;
}

export interface RedisClientOptionsInput {
  connection: RedisConnectionName;
  url: string;
  bus: SecurityConfig;
  /** CLIENT SETNAME, so `CLIENT LIST` shows who holds a connection. */
  name?: string;
  /** 0: no per-command timeout (blocking reads). */
  commandTimeoutMs: number;
  /** Reconnect delay: baseMs * 2^min(retries, maxExponent), capped at capMs. */
  backoff: { baseMs: number; maxExponent: number; capMs: number };
  /** Called once when the connection gives up (bad password, missing permission). */
  onFatal?: (error: NautilusError) => void;
}

/** The one builder of node-redis client options: lanes and registry alike. */
export function redisClientOptions(input: RedisClientOptionsInput) {
  const { connection, url, bus, backoff } = input;
  const credentials = redisCredentials(connection, url, bus);
  return {
    url,
    ...(credentials.source === 'file'
      ? { username: credentials.username, password: credentials.password }
      : {}),
    ...(input.name ? { name: input.name } : {}),
    disableOfflineQueue: true,
    commandOptions: { timeout: input.commandTimeoutMs },
    socket: {
      ...tlsSocket(url, bus.tls),
      reconnectStrategy: (retries: number, cause: Error) => {
        const fatal = explainFatalRedisError(connection, url, cause, credentials.username);
        if (fatal) {
          input.onFatal?.(fatal);
          return fatal;
        }
        return Math.min(backoff.baseMs * 2 ** Math.min(retries, backoff.maxExponent), backoff.capMs);
      },
    },
  };
}
