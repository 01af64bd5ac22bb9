import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { connect } from 'node:net';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * True when `pid` runs and (with `marker`) its command line contains it: a cluster attached from
 * another shell must not mistake a recycled pid for its process. Zombies count as gone; a process
 * in the middle of exiting (empty command line) counts as running, so a wait for exit waits it out.
 */
export function pidAlive(pid: number, marker?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
    if (marker === undefined) return true;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    // Empty while the process exits (its memory is gone, it is not a zombie yet): still ours, still there.
    return cmdline === '' || cmdline.replaceAll('\0', ' ').includes(marker);
  } catch {
    // No /proc (not Linux): the signal probe is all there is.
    return marker === undefined;
  }
}

/** Sends `signal`; false when the process was already gone. */
export function signalPid(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Polls until the process is gone; false after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number, marker?: string): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (pidAlive(pid, marker)) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}

/** The last `bytes` of a log file, for error messages ('' when it does not exist). */
export function tailOf(file: string, bytes = 2_000): string {
  try {
    const size = statSync(file).size;
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, buffer, 0, length, size - length);
    } finally {
      closeSync(fd);
    }
    return buffer.toString('utf8');
  } catch {
    return '';
  }
}

/** True when something accepts TCP connections on 127.0.0.1:`port`. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (used: boolean) => {
      socket.destroy();
      resolve(used);
    };
    socket.setTimeout(1_000, () => done(true));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Waits until nothing listens on `port`; false after `timeoutMs`. */
export async function waitPortFree(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (await portInUse(port)) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}
