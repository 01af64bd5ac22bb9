import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { NautilusConfig } from '../../core/config/config-schema.ts';
import { NautilusError } from '../../core/errors.ts';
import { buildDashboardServer, type DashboardEndpoints } from './dashboard-server.ts';
import { ensureWebBuilt, WEB_DIR } from './web-build.ts';

export interface HostedDashboardOptions {
  config: NautilusConfig;
  /** 0: OS-chosen. */
  port: number;
  /** Base URL (`http://host:port`) of an engine served by this host, or null. */
  engineUrl: (engine: string) => string | null;
  /** Host name in the dashboard's URL. */
  advertisedHost: string;
  /** Where the build notice goes (stdout for `nautilus start`). */
  say: (text: string) => void;
  webDir?: string;
}

/** The dashboard the engine host serves beside its engines: built if needed, then listening. */
export class HostedDashboard {
  private server: FastifyInstance | undefined;

  constructor(private readonly opts: HostedDashboardOptions) {}

  async start(): Promise<void> {
    const { config, say } = this.opts;
    const webDir = this.opts.webDir ?? WEB_DIR;
    await ensureWebBuilt(say, webDir);
    this.server = buildDashboardServer(join(webDir, 'dist'), () => this.endpoints());
    const { port } = this.opts;
    try {
      await this.server.listen({ host: config.host, port });
    } catch (error) {
      const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      throw new NautilusError(
        'CONFIG_INVALID',
        `dashboard: cannot listen on ${config.host}:${port}${inUse ? ' (in use: dashboard.port or http.portOffset moves it)' : ''}`,
        { cause: error },
      );
    }
  }

  async stop(): Promise<void> {
    await this.server?.close();
  }

  get port(): number | null {
    const address = this.server?.server.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : null;
  }

  get url(): string | null {
    const port = this.port;
    return port === null ? null : `http://${this.opts.advertisedHost}:${port}`;
  }

  /** Config overrides first, else this host's api and websocket engines. */
  endpoints(): DashboardEndpoints {
    const { config, engineUrl } = this.opts;
    const ws = engineUrl('websocket');
    return {
      apiUrl: config.dashboard.apiUrl ?? engineUrl('api'),
      wsUrl: config.dashboard.wsUrl ?? (ws === null ? null : `${ws.replace(/^http/, 'ws')}/ws`),
    };
  }
}
