import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { NautilusError } from '../core/errors.ts';

const processSpecSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected 1-64 characters of A-Z a-z 0-9 _ -'),
  instanceId: z.string(),
  engines: z.array(z.string()).min(1),
  portOffset: z.number().int().min(0),
  dashboard: z.boolean(),
  engineConfig: z.record(z.string(), z.record(z.string(), z.unknown())),
  replica: z.boolean(),
});

const redisStateSchema = z.object({
  pid: z.number().int(),
  port: z.number().int(),
  dir: z.string(),
  args: z.array(z.string()),
});

/** `<dir>/cluster.json`: everything another process needs to attach to a running cluster. */
export const clusterStateSchema = z.object({
  version: z.literal(1),
  dir: z.string(),
  startedAt: z.string(),
  prefix: z.string(),
  urls: z.object({
    main: z.string(),
    marketData: z.string(),
    engineLogic: z.string(),
    store: z.string(),
  }),
  redis: z.object({ main: redisStateSchema, marketData: redisStateSchema, engineLogic: redisStateSchema }),
  /** Null when the cluster uses an existing PostgreSQL (storeUrl). */
  postgres: z
    .object({
      pid: z.number().int(),
      port: z.number().int(),
      dir: z.string(),
      bin: z.string(),
      runAs: z.string().nullable(),
    })
    .nullable(),
  /** Environment added to every engine process, kept so a restart gets the same. */
  env: z.record(z.string(), z.string()),
  /** Node options of every engine process, kept for restarts too. */
  nodeArgs: z.array(z.string()).default([]),
  processes: z.array(
    z.object({
      spec: processSpecSchema,
      pid: z.number().int().nullable(),
      configFile: z.string(),
      logFile: z.string(),
    }),
  ),
});

export type ClusterState = z.output<typeof clusterStateSchema>;
export type ProcessState = ClusterState['processes'][number];
export { processSpecSchema };

export const stateFile = (dir: string) => join(dir, 'cluster.json');

export function readClusterState(dir: string): ClusterState {
  const file = stateFile(dir);
  if (!existsSync(file))
    throw new NautilusError('NOT_FOUND', `no cluster state at ${file}: is a cluster up?`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new NautilusError('CONFIG_INVALID', `${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = clusterStateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new NautilusError('CONFIG_INVALID', `${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Written to a temp file and renamed: a reader never sees half a state. */
export function writeClusterState(state: ClusterState): void {
  const file = stateFile(state.dir);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function removeClusterState(dir: string): void {
  rmSync(stateFile(dir), { force: true });
}
