import type { Clock } from '../../core/clock.ts';
import {
  ALPHAVANTAGE_API_KEY_ENV,
  ALPHAVANTAGE_HOSTS,
  createAlphaVantageSource,
} from '../sources/alphavantage/alphavantage-source.ts';
import {
  createDatagovSource,
  DATAGOV_API_KEY_ENV,
  DATAGOV_HOSTS,
} from '../sources/datagov/datagov-source.ts';
import { createDbnomicsSource, DBNOMICS_HOSTS } from '../sources/dbnomics/dbnomics-source.ts';
import { createFredSource, FRED_API_KEY_ENV, FRED_HOSTS } from '../sources/fred/fred-source.ts';
import { createIbkrSource, IBKR_DEFAULT_BASE_URL, IBKR_HOSTS } from '../sources/ibkr/ibkr-source.ts';
import {
  createSecEdgarSource,
  SEC_EDGAR_HOSTS,
  SEC_EDGAR_USER_AGENT_ENV,
} from '../sources/sec-edgar/sec-edgar-source.ts';
import type { DataSource } from '../sources/source.ts';
import type { SourceOptions } from '../sources/source-kit.ts';
import {
  createTradingeconomicsSource,
  TRADINGECONOMICS_API_KEY_ENV,
  TRADINGECONOMICS_HOSTS,
} from '../sources/tradingeconomics/tradingeconomics-source.ts';
import { createYahooSource, YAHOO_HOSTS } from '../sources/yahoo/yahoo-source.ts';
import type { SourceName } from './source-names.ts';
import type { SourceSlot } from './source-slot.ts';

/** What a user may set per source (engineConfig.marketdata.sources.<name>). */
export interface SourceSettings {
  baseUrl?: string;
  apiKey?: string;
  userAgent?: string;
  capacity?: number;
  refillPerSecond?: number;
  timeoutMs?: number;
}

/** How `/series/:source/:id` maps onto a source's operation. */
export type SeriesRoute = (id: string) => { operation: string; params: Record<string, unknown> };

interface CatalogEntry {
  title: string;
  hosts: readonly string[];
  /** Env var holding the credential; `required` when the source cannot work without it. */
  credential?: { env: string; required: boolean };
  series?: SeriesRoute;
  create: (options: SourceOptions & { userAgent?: string }) => DataSource;
}

const CATALOG: Record<SourceName, CatalogEntry> = {
  ibkr: {
    title: 'Interactive Brokers Client Portal Web API',
    // The gateway itself (default https://localhost:5000) is added from the effective base URL.
    hosts: [...IBKR_HOSTS, hostOf(IBKR_DEFAULT_BASE_URL)],
    create: createIbkrSource,
  },
  alphavantage: {
    title: 'Alpha Vantage',
    hosts: ALPHAVANTAGE_HOSTS,
    credential: { env: ALPHAVANTAGE_API_KEY_ENV, required: true },
    create: createAlphaVantageSource,
  },
  yahoo: { title: 'Yahoo Finance chart API', hosts: YAHOO_HOSTS, create: createYahooSource },
  fred: {
    title: 'FRED / ALFRED (St. Louis Fed)',
    hosts: FRED_HOSTS,
    credential: { env: FRED_API_KEY_ENV, required: true },
    series: (id) => ({ operation: 'series', params: { id } }),
    create: createFredSource,
  },
  'sec-edgar': {
    title: 'SEC EDGAR (company facts and submissions)',
    hosts: SEC_EDGAR_HOSTS,
    credential: { env: SEC_EDGAR_USER_AGENT_ENV, required: true },
    create: createSecEdgarSource,
  },
  datagov: {
    title: 'Data.gov catalog (CKAN)',
    hosts: DATAGOV_HOSTS,
    credential: { env: DATAGOV_API_KEY_ENV, required: false },
    create: createDatagovSource,
  },
  tradingeconomics: {
    title: 'Trading Economics',
    hosts: TRADINGECONOMICS_HOSTS,
    credential: { env: TRADINGECONOMICS_API_KEY_ENV, required: false },
    series: (id) => {
      const [country = '', indicator = ''] = id.split(':');
      return { operation: 'historical', params: { country, indicator } };
    },
    create: createTradingeconomicsSource,
  },
  dbnomics: {
    title: 'DBnomics',
    hosts: DBNOMICS_HOSTS,
    series: (id) => ({ operation: 'series', params: { id } }),
    create: createDbnomicsSource,
  },
};

export function seriesRouteOf(source: string): SeriesRoute | undefined {
  return (CATALOG as Record<string, CatalogEntry | undefined>)[source]?.series;
}

/** Every real API host the hub knows, for the egress guard of processes without a hub. */
export function catalogHosts(settings: Partial<Record<SourceName, SourceSettings>> = {}): string[] {
  return (Object.keys(CATALOG) as SourceName[]).flatMap((name) => hostsOf(name, settings[name] ?? {}));
}

function hostsOf(name: SourceName, own: SourceSettings): string[] {
  const hosts = new Set(CATALOG[name].hosts);
  if (own.baseUrl) hosts.add(hostOf(own.baseUrl));
  return [...hosts];
}

/** One slot per known source, with settings from config and credentials from config or env. */
export function buildSourceSlots(
  settings: Partial<Record<SourceName, SourceSettings>>,
  clock: Clock,
  env: NodeJS.ProcessEnv = process.env,
): SourceSlot[] {
  return (Object.keys(CATALOG) as SourceName[]).map((name) => {
    const entry = CATALOG[name];
    const own = settings[name] ?? {};
    const apiKey =
      own.apiKey ?? (entry.credential && name !== 'sec-edgar' ? env[entry.credential.env] : undefined);
    const userAgent = name === 'sec-edgar' ? (own.userAgent ?? env[SEC_EDGAR_USER_AGENT_ENV]) : undefined;
    const rateLimit = {
      ...(own.capacity === undefined ? {} : { capacity: own.capacity }),
      ...(own.refillPerSecond === undefined ? {} : { refillPerSecond: own.refillPerSecond }),
    };
    return {
      name,
      title: entry.title,
      hosts: hostsOf(name, own),
      credentialConfigured: !entry.credential || Boolean(name === 'sec-edgar' ? userAgent : apiKey),
      create: () =>
        entry.create({ clock, baseUrl: own.baseUrl, apiKey, userAgent, rateLimit, timeoutMs: own.timeoutMs }),
    };
  });
}

/** `host:port` of a URL (the default port made explicit), as the egress guard matches it. */
function hostOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'https:' ? '443' : '80')}`;
}
