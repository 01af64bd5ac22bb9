import http from 'node:http';
import https from 'node:https';
import { NautilusError } from '../../core/errors.ts';
import type { RateLimiter } from '../rate-limit/rate-limiter.ts';
import { withEgressPermit } from './egress-guard.ts';
import { redact } from './redact.ts';

export type QueryValue = string | number | boolean | undefined;

export interface SourceHttpClientOptions {
  source: string;
  baseUrl: string;
  limiter: RateLimiter;
  /** Sent with every request (e.g. SEC EDGAR's required User-Agent). */
  headers?: Record<string, string>;
  /** Credential values: never appear in errors or logs. */
  secrets?: readonly string[];
  timeoutMs?: number;
  /** Largest response body accepted. */
  maxBodyBytes?: number;
}

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  body?: unknown;
  /** Rate-limit tokens this call costs (default 1). */
  cost?: number;
  /**
   * Non-2xx statuses returned as results instead of thrown, for APIs whose error bodies say more
   * than the status (e.g. FRED's 400 for both an unknown series and a bad key). Default: none.
   */
  acceptStatus?: (status: number) => boolean;
}

export interface HttpClientStats {
  requests: number;
  failures: number;
  bytesIn: number;
}

/** What a provider answered to a failed request (in a NautilusError's details). */
export interface UpstreamReply {
  status: number;
  /** The start of the body, credentials removed. */
  body: string;
}

/** Kept beside the error rather than in its details, which callers see as the error's data. */
const upstreamReplies = new WeakMap<NautilusError, UpstreamReply>();

/** The provider's answer behind `error`, when the client made it from an HTTP status. */
export function upstreamReplyOf(error: NautilusError): UpstreamReply | undefined {
  return upstreamReplies.get(error);
}

/**
 * One source's connection to its API: a keep-alive agent with a single socket (one connection per
 * source), every call through the source's rate limiter, and errors that name the source and the
 * HTTP status while never showing a credential.
 */
export class SourceHttpClient {
  readonly stats: HttpClientStats = { requests: 0, failures: 0, bytesIn: 0 };
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;

  constructor(private readonly options: SourceHttpClientOptions) {
    this.base = new URL(options.baseUrl);
    const secure = this.base.protocol === 'https:';
    if (!secure && this.base.protocol !== 'http:')
      throw new NautilusError(
        'CONFIG_INVALID',
        `${options.source}: baseUrl must be http(s), got ${options.baseUrl}`,
      );
    this.transport = secure ? https : http;
    this.agent = new this.transport.Agent({ keepAlive: true, maxSockets: 1 });
  }

  get source(): string {
    return this.options.source;
  }

  /** Absolute URL for `path` under the base URL (used by WebSocket adapters too). */
  url(path: string, query: Record<string, QueryValue> = {}): URL {
    const basePath = this.base.pathname.replace(/\/$/, '');
    const url = new URL(`${basePath}${path.startsWith('/') ? path : `/${path}`}`, this.base);
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(name, String(value));
    return url;
  }

  /** A 2xx (or accepted) response parsed as JSON; the rest become NautilusErrors naming the source. */
  async json(path: string, options: RequestOptions = {}): Promise<unknown> {
    const result = await this.request(path, options);
    try {
      return JSON.parse(result.body);
    } catch {
      throw this.error('UPSTREAM_ERROR', `${path}: response is not JSON (${snippet(result.body)})`);
    }
  }

  /** Raw response for 2xx and accepted statuses; errors for the rest (429, 401/403 auth, 404...). */
  async request(path: string, options: RequestOptions = {}): Promise<HttpResult> {
    const url = this.url(path, options.query);
    const result = await this.options.limiter.schedule(() => this.send(url, options), options.cost ?? 1);
    if (result.status >= 200 && result.status < 300) return result;
    this.stats.failures++;
    if (options.acceptStatus?.(result.status)) return result;
    throw this.statusError(path, result);
  }

  /** A clear error, with credentials removed from the message. */
  error(
    code: ConstructorParameters<typeof NautilusError>[0],
    message: string,
    details?: unknown,
  ): NautilusError {
    return new NautilusError(code, redact(`${this.options.source}: ${message}`, this.options.secrets ?? []), {
      details,
    });
  }

  close(): void {
    this.agent.destroy();
  }

  private statusError(path: string, result: HttpResult): NautilusError {
    const error = this.statusErrorOf(path, result);
    // Sources map the status and body (credentials removed) without re-reading the message.
    upstreamReplies.set(error, {
      status: result.status,
      body: redact(snippet(result.body), this.options.secrets ?? []),
    });
    return error;
  }

  private statusErrorOf(path: string, result: HttpResult): NautilusError {
    const text = snippet(result.body);
    if (result.status === 429) {
      const retryAfter = result.headers['retry-after'];
      return this.error(
        'UPSTREAM_RATE_LIMITED',
        `${path}: rate limited by the API (HTTP 429${retryAfter ? `, retry after ${retryAfter}s` : ''}): ${text}`,
        retryAfter ? { retryAfterS: Number(retryAfter) } : undefined,
      );
    }
    if (result.status === 401 || result.status === 403)
      return this.error(
        'UPSTREAM_AUTH',
        `${path}: refused (HTTP ${result.status}), check the credentials: ${text}`,
      );
    if (result.status === 404)
      return this.error('NOT_FOUND', `${path}: not found upstream (HTTP 404): ${text}`);
    if (result.status === 400)
      return this.error('BAD_REQUEST', `${path}: the API rejected the request (HTTP 400): ${text}`);
    return this.error('UPSTREAM_ERROR', `${path}: HTTP ${result.status}: ${text}`);
  }

  private send(url: URL, options: RequestOptions): Promise<HttpResult> {
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const maxBytes = this.options.maxBodyBytes ?? 64 * 1024 * 1024;
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...this.options.headers,
      ...options.headers,
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    };
    this.stats.requests++;
    return new Promise<HttpResult>((resolve, reject) => {
      const fail = (message: string) => {
        this.stats.failures++;
        reject(this.error('UPSTREAM_ERROR', message));
      };
      const request = withEgressPermit(this.options.source, () =>
        this.transport.request(
          url,
          { method: options.method ?? 'GET', agent: this.agent, headers },
          (response) => {
            const chunks: Buffer[] = [];
            let size = 0;
            response.on('data', (chunk: Buffer) => {
              size += chunk.length;
              if (size > maxBytes) {
                response.destroy();
                fail(`${url.pathname}: response larger than ${maxBytes} bytes`);
                return;
              }
              chunks.push(chunk);
            });
            response.on('error', (error) => fail(`${url.pathname}: ${error.message}`));
            response.on('end', () => {
              this.stats.bytesIn += size;
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: Buffer.concat(chunks).toString('utf8'),
              });
            });
          },
        ),
      );
      request.setTimeout(timeoutMs, () => request.destroy(new Error(`no response within ${timeoutMs} ms`)));
      request.on('error', (error) => fail(`${url.pathname}: ${error.message}`));
      request.end(payload);
    });
  }
}

/** The readable start of a body: HTML error pages (SEC, proxies) lose their markup first. */
function snippet(body: string): string {
  const text = /^\s*</.test(body)
    ? body.replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ')
    : body;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || '(empty body)';
}
