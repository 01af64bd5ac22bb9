import { Counter, type Registry } from 'prom-client';
import type { NautilusConfig } from '../../core/config/config-schema.ts';
import type { Logger } from '../../core/logger.ts';
import { catalogHosts, type SourceSettings } from '../../marketdata/hub/source-catalog.ts';
import type { SourceName } from '../../marketdata/hub/source-names.ts';
import { egressGuard } from '../../marketdata/sources/egress-guard.ts';

/**
 * Blocks every data-API host (the real ones, and configured base URLs such as a local IBKR
 * gateway) for everything in this process except the hub's sources. Each attempt is logged as an
 * error and counted in `nautilus_egress_blocked_total`. Returns the release for host stop.
 */
export function installEgressGuard(config: NautilusConfig, registry: Registry, logger: Logger): () => void {
  const marketdata = config.engineConfig.marketdata as
    | { sources?: Partial<Record<SourceName, SourceSettings>> }
    | undefined;
  egressGuard.block(catalogHosts(marketdata?.sources ?? {}));
  const blocked = new Counter({
    name: 'nautilus_egress_blocked_total',
    help: 'Attempts to reach a data-API host outside the market-data hub (blocked)',
    labelNames: ['host', 'via'],
    registers: [registry],
  });
  return egressGuard.install((attempt) => {
    blocked.inc({ host: `${attempt.host}:${attempt.port}`, via: attempt.via });
    logger.error(
      { host: attempt.host, port: attempt.port, via: attempt.via, stack: new Error('blocked here').stack },
      'blocked a direct call to a data API: engines must ask the market-data hub',
    );
  });
}
