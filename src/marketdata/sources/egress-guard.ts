import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import { NautilusError } from '../../core/errors.ts';

const permit = new AsyncLocalStorage<string>();

/** Runs `fn` as the hub's source `source`: the only way a data-API host may be reached. */
export function withEgressPermit<T>(source: string, fn: () => T): T {
  return permit.run(source, fn);
}

export interface BlockedAttempt {
  host: string;
  port: string;
  via: string;
}

type Target = { host: string; port: string };

/**
 * Makes "engines get data from the hub, never from the APIs" a property of the process, not a
 * convention: while installed, any connection to a data-API host made outside `withEgressPermit`
 * (http, https, fetch, raw net/tls sockets) throws EGRESS_BLOCKED and is reported to listeners.
 * One per process (`egressGuard`): hosts in one process share the patched modules, so installs
 * are counted and the last `release` restores the originals.
 */
export class EgressGuard {
  private readonly hosts = new Set<string>();
  private readonly hostPorts = new Set<string>();
  private readonly restore: (() => void)[] = [];
  private readonly listeners = new Set<(attempt: BlockedAttempt) => void>();
  private installs = 0;
  blockedCount = 0;

  /** `host` (any port) or `host:port`; the list only grows while the process runs. */
  block(entries: Iterable<string>): void {
    for (const entry of entries) {
      const lower = entry.toLowerCase();
      if (/:\d+$/.test(lower)) this.hostPorts.add(lower);
      else this.hosts.add(lower);
    }
  }

  isBlocked(host: string, port: string): boolean {
    const lower = host.toLowerCase().replace(/^\[|\]$/g, '');
    return this.hosts.has(lower) || this.hostPorts.has(`${lower}:${port}`);
  }

  /** Installs (or joins) the guard; the returned function releases this install and the listener. */
  install(onBlocked?: (attempt: BlockedAttempt) => void): () => void {
    if (onBlocked) this.listeners.add(onBlocked);
    if (this.installs++ === 0) this.patchAll();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (onBlocked) this.listeners.delete(onBlocked);
      if (--this.installs === 0) this.unpatchAll();
    };
  }

  private patchAll(): void {
    const check = (via: string, target: Target | undefined) => this.check(via, target);
    for (const [module, name, defaultPort] of [
      [http, 'request', '80'],
      [http, 'get', '80'],
      [https, 'request', '443'],
      [https, 'get', '443'],
    ] as const) {
      this.patch(
        module,
        name,
        (original) =>
          function guarded(this: unknown, ...args: unknown[]) {
            check(`${module === http ? 'http' : 'https'}.${name}`, requestTarget(args, defaultPort));
            return (original as (...a: unknown[]) => unknown).apply(this, args);
          },
      );
    }
    const sockets: [Record<string, unknown>, string, string][] = [
      [net as unknown as Record<string, unknown>, 'connect', 'net.connect'],
      [net as unknown as Record<string, unknown>, 'createConnection', 'net.createConnection'],
      [tls as unknown as Record<string, unknown>, 'connect', 'tls.connect'],
    ];
    for (const [module, name, label] of sockets) {
      this.patch(
        module,
        name,
        (original) =>
          function guarded(this: unknown, ...args: unknown[]) {
            check(label, socketTarget(args));
            return (original as (...a: unknown[]) => unknown).apply(this, args);
          },
      );
    }
    const originalFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      try {
        const url = new URL(input instanceof Request ? input.url : String(input));
        check('fetch', { host: url.hostname, port: url.port || (url.protocol === 'https:' ? '443' : '80') });
      } catch (error) {
        return Promise.reject(error);
      }
      return originalFetch(input, init);
    };
    this.restore.push(() => {
      globalThis.fetch = originalFetch;
    });
    syncBuiltinESMExports();
  }

  private unpatchAll(): void {
    for (const undo of this.restore.splice(0).reverse()) undo();
    syncBuiltinESMExports();
  }

  private patch<M extends object, K extends keyof M>(
    module: M,
    name: K,
    wrap: (original: M[K]) => unknown,
  ): void {
    const original = module[name];
    module[name] = wrap(original) as M[K];
    this.restore.push(() => {
      module[name] = original;
    });
  }

  private check(via: string, target: Target | undefined): void {
    if (!target || permit.getStore() !== undefined || !this.isBlocked(target.host, target.port)) return;
    const host = target.host.toLowerCase();
    this.blockedCount++;
    for (const listener of this.listeners) listener({ host, port: target.port, via });
    throw new NautilusError(
      'EGRESS_BLOCKED',
      `${via} to ${host}:${target.port} blocked: data APIs are reached only through the market-data hub (ask it on the bus or at /quote, /bars, /series)`,
    );
  }
}

function requestTarget(args: unknown[], defaultPort: string): Target | undefined {
  const first = args[0];
  if (typeof first === 'string' || first instanceof URL) {
    const url = new URL(String(first));
    return { host: url.hostname, port: url.port || defaultPort };
  }
  if (first && typeof first === 'object') {
    const options = first as { hostname?: string; host?: string; port?: number | string };
    const host = options.hostname ?? options.host?.replace(/:\d+$/, '') ?? 'localhost';
    return { host, port: String(options.port ?? defaultPort) };
  }
  return undefined;
}

function socketTarget(args: unknown[]): Target | undefined {
  const [first, second] = args;
  if (typeof first === 'number')
    return { host: typeof second === 'string' ? second : 'localhost', port: String(first) };
  if (first && typeof first === 'object') {
    const options = first as { host?: string; port?: number | string; path?: string };
    if (options.path !== undefined) return undefined;
    return { host: options.host ?? 'localhost', port: String(options.port ?? '') };
  }
  return undefined;
}

/** The process's guard. */
export const egressGuard = new EgressGuard();
