import { REDIS_CONNECTION_LABEL, redisCredentials } from '../bus/redis/redis-client-options.ts';
import type { NautilusConfig } from '../core/config/config-schema.ts';
import type { ProductionInput } from '../core/security/production-check.ts';
import { storePassword } from '../store/open-store.ts';

/** Resolves what the production check needs: credentials from URLs, env and secrets files. */
export function productionInput(config: NautilusConfig): ProductionInput {
  const { bus, store } = config;
  const redis =
    bus.transport === 'redis'
      ? (
          [
            ['marketData', bus.marketDataUrl],
            ['engineLogic', bus.engineLogicUrl],
            ['main', bus.mainUrl],
          ] as const
        ).map(([connection, url]) => ({
          label: REDIS_CONNECTION_LABEL[connection],
          url,
          password: redisCredentials(connection, url, bus).password,
        }))
      : [];
  const isPostgres = /^postgres(ql)?:\/\//.test(store.url);
  const urlPassword = isPostgres ? decodeURIComponent(new URL(store.url).password) : '';
  const runsApi = config.engines.includes('all') || config.engines.includes('api');
  const apiKeys = (config.engineConfig.api as { apiKeys?: unknown[] } | undefined)?.apiKeys ?? [];
  return {
    redis,
    tlsRejectUnauthorized: bus.tls.rejectUnauthorized,
    store: isPostgres
      ? { kind: 'postgres', password: urlPassword === '' ? storePassword(store) : urlPassword }
      : { kind: 'pglite' },
    api: { runs: runsApi, keys: apiKeys.length },
  };
}
