import { readFileSync, rmSync } from 'node:fs';
import { createBus } from '../../src/bus/create-bus.ts';
import { LocalCluster } from '../../src/cluster/cluster.ts';
import { NautilusError } from '../../src/core/errors.ts';
import { LiveClock } from '../../src/core/live-clock.ts';
import { createLogger } from '../../src/core/logger.ts';
import { LoadDriver } from './load-driver.ts';
import type { PhaseRun } from './load-embedded-phase.ts';
import { measurePhase, type PhaseResult } from './load-measure.ts';
import { fetchBusStatus, sleep } from './load-sampling.ts';
import { progress } from './report.ts';

/** Off the cluster defaults (16379-16381, 15432): a chaos campaign may hold those while the bench runs. */
export const LOAD_CLUSTER_PORTS = { main: 26379, marketData: 26380, engineLogic: 26381, postgres: 25432 };

export interface DistributedResult extends PhaseResult {
  processCount: number;
  /** Bus instances holding connections: every engine process and the bench's own client. */
  busClients: number;
}

/** Phase 2: the local cluster (three Redis, PostgreSQL, N engine processes), the load from this process. */
export async function runDistributedPhase(
  run: PhaseRun & { dir: string; processes: number; portOffset: number },
): Promise<DistributedResult> {
  rmSync(run.dir, { recursive: true, force: true });
  progress(`distributed: starting the cluster (${run.processes} processes) in ${run.dir} ...`);
  const cluster = await LocalCluster.up({
    dir: run.dir,
    processes: run.processes,
    ports: LOAD_CLUSTER_PORTS,
    // Major GCs in each process's log: the live-heap trend (see load-gc-trace.ts).
    nodeArgs: ['--trace-gc'],
    portOffset: run.portOffset,
    set: run.settings,
  });
  const clock = new LiveClock();
  const bus = createBus(cluster.config().bus, {
    clock,
    logger: createLogger({ level: 'warn' }),
    instanceId: 'bench-load',
  });
  try {
    const processes = cluster.processes().map((p) => {
      if (p.pid === null) throw new NautilusError('LIFECYCLE', `cluster process ${p.name} has no pid`);
      return {
        name: p.name,
        pid: p.pid,
        statusUrl: cluster.endpoint(p.engines[0]!, p.name),
        logFile: p.logFile,
      };
    });
    await bus.start();
    const driver = new LoadDriver(bus, clock, run.load);
    await driver.start();
    await sleep(run.warmupS * 1000);
    const urls = cluster.urls();
    const result = await measurePhase(
      {
        name: 'distributed',
        processes,
        statuses: () => Promise.all([...processes.map((p) => fetchBusStatus(p.statusUrl)), bus.status()]),
        gcTraces: async () => new Map(processes.map((p) => [p.name, readFileSync(p.logFile, 'utf8')])),
        drain: async () => ({
          trades: driver.tradeLatency.drain(),
          orders: driver.orderLatency.drain(),
          counts: driver.counts(),
        }),
        redis: {
          urls: { main: urls.mainUrl, marketData: urls.marketDataUrl, engineLogic: urls.engineLogicUrl },
          prefix: urls.prefix,
        },
      },
      run.durationS,
      run.intervalS,
    );
    await driver.stop();
    return { ...result, processCount: processes.length, busClients: processes.length + 1 };
  } finally {
    await bus.stop().catch(() => undefined);
    progress('distributed: stopping the cluster ...');
    const down = await cluster.down();
    progress(`distributed: cluster down ${JSON.stringify(down)}`);
  }
}
