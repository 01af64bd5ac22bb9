import { NautilusError } from '../core/errors.ts';
import { LiveClock } from '../core/live-clock.ts';
import type { InstanceView, LivenessRule } from '../engines/registry/engine-registry.ts';
import { RedisEngineRegistry, type RedisRegistryOptions } from '../engines/registry/redis-registry.ts';
import { pidAlive, sleep, tailOf } from './pids.ts';

export interface AwaitedProcess {
  name: string;
  instanceId: string;
  engines: readonly string[];
  pid: number;
  logFile: string;
  configFile: string;
}

const POLL_MS = 200;
/** Degraded engines serve (e.g. waiting for a peer); starting or faulted ones do not count as up. */
const UP_STATES: ReadonlySet<string> = new Set(['running', 'degraded']);
const CONNECT_WAIT_MS = 5_000;

/** The main Redis as the processes reach it, and their liveness rule. */
export interface RegistryTarget {
  url: string;
  prefix: string;
  rule: LivenessRule;
  security: RedisRegistryOptions['security'];
}

const registryOf = (target: RegistryTarget) =>
  new RedisEngineRegistry({
    url: target.url,
    prefix: target.prefix,
    security: target.security,
    clock: new LiveClock(),
    ...target.rule,
  });

/** Reads the registry on the main Redis, then closes it. */
export async function listInstances(target: RegistryTarget): Promise<InstanceView[]> {
  const registry = registryOf(target);
  try {
    if (!(await registry.connect(CONNECT_WAIT_MS))) {
      throw new NautilusError('BUS_UNAVAILABLE', `main Redis at ${registry.endpoint} is unreachable`);
    }
    return await registry.list();
  } finally {
    await registry.close();
  }
}

/**
 * Waits until every engine of every process is alive in the registry with a start time after
 * `sinceNs` (a killed instance stays listed, and alive, for a few heartbeats under the same key).
 * Fails at once when a process exits, and after `timeoutMs` naming what never came up.
 */
export async function awaitAlive(
  opts: { target: RegistryTarget; sinceNs: bigint; timeoutMs: number },
  processes: readonly AwaitedProcess[],
): Promise<void> {
  const registry = registryOf(opts.target);
  const deadline = Date.now() + opts.timeoutMs;
  try {
    await registry.connect(CONNECT_WAIT_MS);
    for (;;) {
      const dead = processes.find((p) => !pidAlive(p.pid, p.configFile));
      if (dead) {
        throw new NautilusError(
          'LIFECYCLE',
          `cluster process ${dead.name} (pid ${dead.pid}) exited while starting; the end of ${dead.logFile}:\n${tailOf(dead.logFile)}`,
        );
      }
      const missing = missingEngines(await registry.list().catch(() => []), processes, opts.sinceNs);
      if (missing.length === 0) return;
      if (Date.now() >= deadline) {
        const [first] = missing;
        throw new NautilusError(
          'REQUEST_TIMEOUT',
          `cluster: not alive in the registry after ${opts.timeoutMs} ms: ${missing.map((m) => `${m.process.name} (${m.engines.join(', ')})`).join('; ')}; the end of ${first!.process.logFile}:\n${tailOf(first!.process.logFile)}`,
        );
      }
      await sleep(POLL_MS);
    }
  } finally {
    await registry.close();
  }
}

function missingEngines(
  instances: readonly InstanceView[],
  processes: readonly AwaitedProcess[],
  sinceNs: bigint,
): Array<{ process: AwaitedProcess; engines: string[] }> {
  return processes
    .map((process) => ({
      process,
      engines: process.engines.filter(
        (engine) =>
          !instances.some(
            (i) =>
              i.engine === engine &&
              i.instanceId === process.instanceId &&
              i.alive &&
              UP_STATES.has(i.state) &&
              i.startedNs >= sinceNs,
          ),
      ),
    }))
    .filter((m) => m.engines.length > 0);
}
