import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { z } from 'zod';
import { NautilusError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import { readSecretFile, readStructuredSecretFile } from '../core/security/secrets.ts';
import type { BusAuthConfig } from './bus-auth-config.ts';

/** The role risk's `trading-state` endpoint requires when bus.auth is enabled. */
export const TRADING_ADMIN_ROLE = 'trading-admin';

/** Carried in an RPC request's payload when the requesting process has a key. */
export interface RequestSignature {
  principal: string;
  issuedAtMs: number;
  nonce: string;
  /** Ed25519 over the endpoint, principal, time, nonce, reply topic and body digest; base64. */
  signature: string;
}

export interface EndpointOptions {
  /** With bus.auth.enabled, only signed requests of a principal holding this role reach the handler. */
  requiredRole?: string;
}

interface Principal {
  publicKey: KeyObject;
  roles: ReadonlySet<string>;
}

const principalsFileSchema = z.record(
  z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  z.strictObject({ publicKey: z.string().min(1), roles: z.array(z.string().min(1)) }),
);

/** bigint is not JSON: digested as its decimal text, like the JSON codec carries it. */
const bigintAsText = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/** Both sides digest the body the same way; the signature covers the digest, so a changed body fails. */
function signedText(
  endpoint: string,
  replyTo: string,
  body: unknown,
  auth: Omit<RequestSignature, 'signature'>,
) {
  const bodyDigest = createHash('sha256')
    .update(JSON.stringify(body, bigintAsText) ?? 'null')
    .digest('base64');
  return JSON.stringify([
    'nautilus-rpc-v1',
    endpoint,
    auth.principal,
    auth.issuedAtMs,
    auth.nonce,
    replyTo,
    bodyDigest,
  ]);
}

/**
 * Signs this process's requests and verifies requests to endpoints that require a role. Disabled
 * (the default), nothing is signed or checked: today's behaviour.
 */
export class BusAuth {
  /** Requests refused (unsigned, bad signature, stale or replayed, role missing). */
  denied = 0;
  private readonly seen = new Map<string, number>();

  constructor(
    readonly enabled: boolean,
    private readonly opts: {
      principal?: string;
      privateKey?: KeyObject;
      principals: ReadonlyMap<string, Principal>;
      maxSkewMs: number;
      now?: () => number;
      logger?: Logger;
    },
  ) {}

  static disabled(): BusAuth {
    return new BusAuth(false, { principals: new Map(), maxSkewMs: 30_000 });
  }

  /** Reads the key and the principals file named by bus.auth; errors name the setting, never a key. */
  static fromConfig(config: BusAuthConfig, deps: { logger?: Logger; now?: () => number } = {}): BusAuth {
    if (!config.enabled) return BusAuth.disabled();
    const pem =
      config.secretKey ?? (config.keyFile ? readSecretFile(config.keyFile, 'bus.auth.keyFile') : undefined);
    if (pem !== undefined && config.principal === undefined)
      throw new NautilusError(
        'CONFIG_INVALID',
        'bus.auth.principal: required with a key (the name requests are signed as)',
      );
    let privateKey: KeyObject | undefined;
    if (pem !== undefined) {
      try {
        privateKey = createPrivateKey(pem);
      } catch {
        throw new NautilusError('CONFIG_INVALID', 'bus.auth: the private key is not a PEM Ed25519 key');
      }
      if (privateKey.asymmetricKeyType !== 'ed25519')
        throw new NautilusError(
          'CONFIG_INVALID',
          `bus.auth: the private key is ${privateKey.asymmetricKeyType}, expected ed25519`,
        );
    }
    const principals = config.principalsFile ? loadPrincipals(config.principalsFile) : new Map();
    return new BusAuth(true, {
      principal: config.principal,
      privateKey,
      principals,
      maxSkewMs: config.maxSkewMs,
      ...deps,
    });
  }

  /** The signature for a request this process sends, or undefined when it has no key (or auth is off). */
  sign(endpoint: string, replyTo: string, body: unknown): RequestSignature | undefined {
    const { privateKey, principal } = this.opts;
    if (!this.enabled || !privateKey || !principal) return undefined;
    const auth = { principal, issuedAtMs: this.now(), nonce: randomBytes(12).toString('base64url') };
    const signature = sign(null, Buffer.from(signedText(endpoint, replyTo, body, auth)), privateKey);
    return { ...auth, signature: signature.toString('base64') };
  }

  /**
   * Throws FORBIDDEN unless the request is signed by a known principal holding `requiredRole`,
   * fresh, and not seen before. Returns the principal's name (undefined when nothing is required).
   */
  verify(
    endpoint: string,
    replyTo: string,
    body: unknown,
    auth: RequestSignature | undefined,
    requiredRole: string | undefined,
  ): string | undefined {
    if (!this.enabled || requiredRole === undefined) return undefined;
    const refuse = (reason: string): never => {
      this.denied++;
      this.opts.logger?.warn({ endpoint, principal: auth?.principal, reason }, 'bus request refused');
      throw new NautilusError('FORBIDDEN', `endpoint "${endpoint}" refused the request: ${reason}`);
    };
    if (!auth) return refuse(`unsigned (needs role ${requiredRole})`);
    const principal = this.opts.principals.get(auth.principal);
    if (!principal) return refuse(`unknown principal "${auth.principal}"`);
    const valid = verify(
      null,
      Buffer.from(signedText(endpoint, replyTo, body, auth)),
      principal.publicKey,
      Buffer.from(String(auth.signature), 'base64'),
    );
    if (!valid) return refuse(`bad signature from "${auth.principal}" (body or request altered?)`);
    const now = this.now();
    if (Math.abs(now - auth.issuedAtMs) > this.opts.maxSkewMs)
      return refuse(`signature from "${auth.principal}" is stale (issued ${now - auth.issuedAtMs} ms ago)`);
    this.forgetOld(now);
    if (this.seen.has(auth.nonce)) return refuse(`replayed request from "${auth.principal}"`);
    this.seen.set(auth.nonce, auth.issuedAtMs);
    if (!principal.roles.has(requiredRole))
      return refuse(`principal "${auth.principal}" lacks role ${requiredRole}`);
    return auth.principal;
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  /** A nonce older than the skew window cannot come back (it would be stale): forget it. */
  private forgetOld(now: number): void {
    for (const [nonce, issuedAtMs] of this.seen) {
      if (now - issuedAtMs <= this.opts.maxSkewMs) break;
      this.seen.delete(nonce);
    }
  }
}

function loadPrincipals(path: string): Map<string, Principal> {
  const result = principalsFileSchema.safeParse(readStructuredSecretFile(path, 'bus.auth.principalsFile'));
  if (!result.success) {
    const where = result.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new NautilusError(
      'CONFIG_INVALID',
      `bus.auth.principalsFile: ${path} must be {<name>: {publicKey: PEM, roles: [...]}}; wrong at ${where}`,
    );
  }
  const principals = new Map<string, Principal>();
  for (const [name, entry] of Object.entries(result.data)) {
    let publicKey: KeyObject;
    try {
      publicKey = createPublicKey(entry.publicKey);
    } catch {
      throw new NautilusError(
        'CONFIG_INVALID',
        `bus.auth.principalsFile: ${name}.publicKey is not a PEM public key`,
      );
    }
    if (publicKey.asymmetricKeyType !== 'ed25519')
      throw new NautilusError('CONFIG_INVALID', `bus.auth.principalsFile: ${name}.publicKey is not ed25519`);
    principals.set(name, { publicKey, roles: new Set(entry.roles) });
  }
  return principals;
}

/** A fresh Ed25519 key pair as PEM: the private key for one process, the public one for the principals file. */
export function generateBusKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
