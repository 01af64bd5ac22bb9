import { z } from 'zod';
import { topics, validatePattern } from '../domain/topics.ts';

/** What an engine is, what it may say and hear on the bus, and how it is configured. */
export interface EngineManifest<C extends z.ZodType = z.ZodType> {
  /** kebab-case; also its consumer group on the bus and its key in `engineConfig`. */
  name: string;
  title: string;
  description: string;
  defaultPort: number;
  /** Patterns the engine may subscribe to (an engine may subscribe to these or narrower ones). */
  subscribes: readonly string[];
  /** Patterns every published topic must match; always includes the engine's own health topic. */
  publishes: readonly string[];
  /** Validates `engineConfig.<name>`; defaults fill what is not given. */
  configSchema: C;
  /**
   * Options whose default depends on the host the engine runs in (e.g. the api engine's CORS
   * origins are the origins of the dashboard this host serves); applied where the user set none.
   */
  hostDefaults?: (facts: HostFacts) => Record<string, unknown>;
  /** The engine reads or writes the store (PGlite or PostgreSQL): the host opens it for the process. */
  usesStore?: boolean;
  /** False while the engine's logic is still to be written: it runs as a placeholder. */
  implemented: boolean;
  /** For an unimplemented engine: the work still to come, shown in /health. */
  pending?: string;
}

/** What a host knows about itself when it builds its engines' options. */
export interface HostFacts {
  /** Origins the dashboard is served from by this host (empty when it serves none or its port is not known yet). */
  dashboardOrigins: readonly string[];
}

/** An engine with no options yet: any key given for it is refused. */
export const noOptions = z.strictObject({}).describe('no options yet');

type ManifestInput<C extends z.ZodType> = Omit<EngineManifest<C>, 'publishes'> & {
  publishes: readonly string[];
};

/** Checks the patterns once at load and adds the engine's heartbeat topic to what it publishes. */
export function defineManifest<C extends z.ZodType>(input: ManifestInput<C>): EngineManifest<C> {
  for (const pattern of [...input.subscribes, ...input.publishes]) validatePattern(pattern);
  if (!input.implemented && !input.pending)
    throw new TypeError(`manifest ${input.name}: an unimplemented engine needs "pending"`);
  return { ...input, publishes: [...input.publishes, topics.engine.health(input.name)] };
}
