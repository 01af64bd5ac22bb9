import { describe, expect, it } from 'vitest';
import { KERNEL } from '../engines/host/kernel.ts';
import { planCluster, REPLICA_ENGINES, REPLICA_PORT_OFFSET } from './cluster-plan.ts';

const primaries = (n: number) => planCluster({ processes: n }).filter((p) => !p.replica);

describe('planCluster', () => {
  it('by default runs one process per group, then the replicas', () => {
    expect(planCluster().map((p) => [p.name, p.engines])).toEqual([
      ['p1-hub', ['marketdata']],
      ['p2-trading', ['strategy', 'risk', 'execution', 'portfolio']],
      ['p3-signals', ['vpin', 'enhanced-vpin', 'features', 'factor', 'ml', 'toraniko']],
      ['p4-analytics', ['analytics', 'collateral', 'backtesting']],
      ['p5-edge', ['api', 'websocket']],
      ['p6-replicas', ['risk', 'vpin']],
    ]);
  });

  it.each([2, 3, 4, 5, 6, 7, 10, 16, 17])(
    'with %i processes runs every engine exactly once among primaries',
    (n) => {
      const plan = planCluster({ processes: n });
      expect(plan).toHaveLength(n);
      expect(
        plan
          .filter((p) => !p.replica)
          .flatMap((p) => p.engines)
          .sort(),
      ).toEqual([...KERNEL.keys()].sort());
      const replicas = plan.filter((p) => p.replica);
      expect(replicas.map((p) => p.engines)).toEqual([[...REPLICA_ENGINES]]);
      expect(new Set(plan.map((p) => p.instanceId)).size).toBe(n);
      expect(plan.every((p) => p.instanceId === p.name && /^[A-Za-z0-9_-]{1,64}$/.test(p.name))).toBe(true);
    },
  );

  it('with 2 processes runs everything in one process beside the replicas', () => {
    expect(primaries(2)).toHaveLength(1);
    expect(primaries(2)[0]!.engines).toHaveLength(16);
  });

  it('merges the smallest groups first', () => {
    expect(primaries(5).map((p) => p.name)).toEqual([
      'p1-hub-edge',
      'p2-trading',
      'p3-signals',
      'p4-analytics',
    ]);
    expect(primaries(4).map((p) => p.name)).toEqual(['p1-hub-analytics-edge', 'p2-trading', 'p3-signals']);
    expect(primaries(3).map((p) => p.name)).toEqual(['p1-hub-trading-analytics-edge', 'p2-signals']);
  });

  it('splits the largest groups into single engines', () => {
    const plan = planCluster({ processes: 10 });
    expect(plan.map((p) => p.engines.length)).toEqual([1, 3, 1, 3, 1, 1, 1, 3, 2, 2]);
    expect(plan.find((p) => p.engines.includes('toraniko'))!.engines).toEqual(['toraniko']);
    expect(primaries(17).every((p) => p.engines.length === 1)).toBe(true);
  });

  it('keeps replicas apart from their primaries, on ports of their own', () => {
    for (const n of [2, 6, 10, 17]) {
      const plan = planCluster({ processes: n, portOffset: 100 });
      const replica = plan.at(-1)!;
      expect(replica).toMatchObject({
        replica: true,
        portOffset: 100 + REPLICA_PORT_OFFSET,
        dashboard: false,
      });
      for (const primary of plan.slice(0, -1)) {
        expect(primary.portOffset).toBe(100);
        expect(primary.engines.filter((e) => replica.engines.includes(e)).length).toBeLessThanOrEqual(
          primary.engines.length,
        );
        expect(primary.name).not.toBe(replica.name);
      }
      // Each replica engine also runs in exactly one primary process, never the replicas one.
      for (const engine of REPLICA_ENGINES) {
        expect(plan.filter((p) => p.engines.includes(engine)).map((p) => p.replica)).toEqual([false, true]);
      }
    }
  });

  it('serves the dashboard only beside the api and splits VPIN symbols between the two instances', () => {
    for (const n of [2, 6, 17]) {
      const plan = planCluster({ processes: n });
      expect(plan.filter((p) => p.dashboard).map((p) => p.engines.includes('api'))).toEqual([true]);
      expect(plan.filter((p) => p.engines.includes('vpin')).map((p) => p.engineConfig.vpin)).toEqual([
        { partition: { index: 0, count: 2 } },
        { partition: { index: 1, count: 2 } },
      ]);
    }
  });

  it('refuses a process count or port offset out of range, naming it', () => {
    expect(() => planCluster({ processes: 1 })).toThrow(
      /processes: expected an integer from 2 .* to 17 .*got 1/,
    );
    expect(() => planCluster({ processes: 18 })).toThrow(/got 18/);
    expect(() => planCluster({ processes: 2.5 })).toThrow(/processes/);
    expect(() => planCluster({ portOffset: 40_000 })).toThrow(
      /portOffset: expected an integer from 0 to 35534/,
    );
  });
});
