import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplayRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface ReplayResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body: unknown;
}

export type ReplayHandler = (request: ReplayRequest) => ReplayResponse;

/**
 * A local stand-in for an external API: answers with recorded responses in the provider's
 * documented shape, records every request (to check URLs, headers, credentials) and counts TCP
 * connections (to check one connection per source).
 */
export class ReplayServer {
  readonly requests: ReplayRequest[] = [];
  connections = 0;

  private constructor(
    readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(handler: ReplayHandler): Promise<ReplayServer> {
    let replay: ReplayServer | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://replay');
        const request: ReplayRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        replay?.requests.push(request);
        let response: ReplayResponse;
        try {
          response = handler(request);
        } catch (error) {
          response = { status: 500, body: { error: `replay handler failed: ${(error as Error).message}` } };
        }
        const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
        const type = typeof response.body === 'string' ? 'text/plain' : 'application/json';
        res.writeHead(response.status ?? 200, { 'content-type': type, ...response.headers });
        res.end(text);
      });
    });
    server.on('connection', () => {
      if (replay) replay.connections++;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    replay = new ReplayServer(server, `http://127.0.0.1:${port}`);
    return replay;
  }

  /** The requests made to `path`. */
  requestsTo(path: string): ReplayRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
