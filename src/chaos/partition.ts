import { execFileSync } from 'node:child_process';
import { NautilusError } from '../core/errors.ts';

/** Local TCP ports of a process's established connections to `remotePort` on loopback. */
export function localPortsOf(pid: number, remotePort: number): number[] {
  const out = execFileSync('ss', ['-Htnp', 'state', 'established', `( dport = :${remotePort} )`], {
    encoding: 'utf8',
  });
  const ports: number[] = [];
  for (const line of out.split('\n')) {
    if (!line.includes(`pid=${pid},`)) continue;
    const local = line.trim().split(/\s+/)[2] ?? '';
    const port = Number(local.slice(local.lastIndexOf(':') + 1));
    if (Number.isInteger(port) && port > 0) ports.push(port);
  }
  return ports;
}

/**
 * Cuts a process off one Redis on loopback with iptables DROP rules on its connections' ports, both
 * directions: packets vanish, no RST, so the client sees a silent network, as in a real partition.
 * `heal()` removes exactly the rules added.
 */
export class LoopbackPartition {
  private readonly rules: string[][] = [];

  constructor(
    readonly pid: number,
    readonly redisPort: number,
  ) {}

  cut(): number {
    const ports = localPortsOf(this.pid, this.redisPort);
    if (ports.length === 0)
      throw new NautilusError('NOT_FOUND', `process ${this.pid} has no connection to port ${this.redisPort}`);
    const drop = (from: number, to: number) => [
      'INPUT',
      '-i',
      'lo',
      '-p',
      'tcp',
      '--sport',
      String(from),
      '--dport',
      String(to),
      '-j',
      'DROP',
    ];
    for (const port of ports) this.rules.push(drop(this.redisPort, port), drop(port, this.redisPort));
    for (const rule of this.rules) iptables(['-I', ...rule]);
    return ports.length;
  }

  heal(): void {
    for (const rule of this.rules.splice(0)) iptables(['-D', ...rule]);
  }
}

function iptables(args: string[]): void {
  try {
    execFileSync('iptables', ['-w', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new NautilusError(
      'INTERNAL',
      `iptables ${args.join(' ')} failed: ${stderr || (error as Error).message}`,
    );
  }
}
