import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { generateBusKeyPair } from '../bus/bus-auth.ts';
import { NautilusError } from '../core/errors.ts';

/**
 * `nautilus security keygen <principal>`: writes `<principal>.key` (Ed25519 private key, mode 0600)
 * for bus.auth.keyFile and prints the principals-file entry to add on every verifying host.
 */
export function keygenCommand(
  principal: string,
  flags: { dir?: string; roles?: string },
  out: (text: string) => void,
): number {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(principal))
    throw new NautilusError(
      'BAD_REQUEST',
      `principal "${principal}": expected 1-64 characters of A-Z a-z 0-9 _ . -`,
    );
  const keyFile = join(resolve(flags.dir ?? '.'), `${principal}.key`);
  if (existsSync(keyFile)) throw new NautilusError('BAD_REQUEST', `${keyFile} exists: not overwriting a key`);
  const { privateKeyPem, publicKeyPem } = generateBusKeyPair();
  writeFileSync(keyFile, privateKeyPem, { mode: 0o600, flag: 'wx' });
  const roles = (flags.roles ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const entry = { [principal]: { publicKey: publicKeyPem, roles } };
  out(`# private key written to ${keyFile} (set bus.auth.keyFile and bus.auth.principal=${principal})\n`);
  out(`# add to bus.auth.principalsFile:\n${JSON.stringify(entry, null, 2)}\n`);
  return 0;
}

export function registerSecurityCommands(
  program: Command,
  out: (text: string) => void,
  setExit: (code: number) => void,
) {
  program
    .command('security')
    .description('keys for bus authentication')
    .command('keygen')
    .description('make an Ed25519 key pair for a bus principal')
    .argument('<principal>', 'name the process signs as (bus.auth.principal)')
    .option('--dir <dir>', 'where <principal>.key is written (default: current directory)')
    .option('--roles <roles>', 'roles for the printed principals entry, comma-separated (e.g. trading-admin)')
    .action((principal: string, flags: { dir?: string; roles?: string }) =>
      setExit(keygenCommand(principal, flags, out)),
    );
}
