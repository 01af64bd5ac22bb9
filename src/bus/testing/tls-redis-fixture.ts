import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../testing/free-port.ts';
import { requireRedisBinary } from '../../testing/redis-server.ts';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A CA, a server certificate for 127.0.0.1/localhost and a client certificate, made with openssl. */
export interface TestPki {
  dir: string;
  caFile: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

async function openssl(dir: string, args: string[]): Promise<void> {
  await run('openssl', args, { cwd: dir });
}

export async function makeTestPki(): Promise<TestPki> {
  const dir = mkdtempSync(join(tmpdir(), 'nautilus-pki-'));
  const p = (name: string) => join(dir, name);
  // biome-ignore format: openssl flag / value pairs read better side by side
  await openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
    '-keyout', p('ca.key'), '-out', p('ca.pem'), '-subj', '/CN=nautilus-test-ca']);
  writeFileSync(p('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  for (const who of ['server', 'client']) {
    // biome-ignore format: openssl flag / value pairs read better side by side
    await openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', p(`${who}.key`),
      '-out', p(`${who}.csr`), '-subj', `/CN=nautilus-test-${who}`]);
    // biome-ignore format: openssl flag / value pairs read better side by side
    await openssl(dir, ['x509', '-req', '-in', p(`${who}.csr`), '-CA', p('ca.pem'), '-CAkey', p('ca.key'),
      '-CAcreateserial', '-days', '1', '-out', p(`${who}.pem`), '-extfile', p('san.ext')]);
  }
  return {
    dir,
    caFile: p('ca.pem'),
    serverCert: p('server.pem'),
    serverKey: p('server.key'),
    clientCert: p('client.pem'),
    clientKey: p('client.key'),
  };
}

/** `--user` arguments: [name, ...ACL rules], e.g. ['bus', 'on', '>pw', '~*', '&*', '+@all']. */
export type AclUser = string[];

/**
 * redis-server listening on TLS only (`--port 0`), client certificates required, the default user
 * off: every client must present a CA-signed certificate and an ACL user's password.
 */
export class TlsRedisServer {
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {}

  static async start(pki: TestPki, users: AclUser[], probe: { user: string; pass: string }) {
    requireRedisBinary();
    const dir = mkdtempSync(join(tmpdir(), 'nautilus-tls-redis-'));
    const port = await freePort();
    // biome-ignore format: flag / value pairs read better side by side
    const args = [
      '--port', '0', '--tls-port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '',
      '--tls-cert-file', pki.serverCert, '--tls-key-file', pki.serverKey, '--tls-ca-cert-file', pki.caFile,
      '--user', 'default', 'off', ...users.flatMap((user) => ['--user', ...user]),
    ];
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    process.once('exit', () => child.kill('SIGKILL'));
    const server = new TlsRedisServer(port, child, dir);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`TLS redis-server on port ${port} exited at start`);
      // biome-ignore format: flag / value pairs read better side by side
      const reply = await run('redis-cli', ['--tls', '--cacert', pki.caFile, '--cert', pki.clientCert,
        '--key', pki.clientKey, '-h', '127.0.0.1', '-p', String(port), '--user', probe.user,
        '--pass', probe.pass, '--no-auth-warning', 'PING']).then((r) => r.stdout.trim(), () => '');
      if (reply === 'PONG') return server;
      await sleep(50);
    }
    await server.stop();
    throw new Error(`TLS redis-server on port ${port} did not answer PING within 15 s`);
  }

  url(user?: string, pass?: string, scheme = 'rediss'): string {
    const auth = user ? `${encodeURIComponent(user)}:${encodeURIComponent(pass ?? '')}@` : '';
    return `${scheme}://${auth}127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
