import type { ComponentState } from '../../core/lifecycle.ts';
import { type Nanos, NS_PER_MS } from '../../domain/time.ts';

/** One running engine in one process, as the registry records it. */
export interface EngineInstance {
  engine: string;
  instanceId: string;
  /** Where its HTTP endpoints are reached (the advertised host). */
  host: string;
  /** Null when HTTP is disabled. */
  port: number | null;
  state: ComponentState;
  implemented: boolean;
  startedNs: Nanos;
  lastHeartbeatNs: Nanos;
  /** Messages waiting for the engine's consumer group, when the bus reports it. */
  busLag: number | null;
}

export interface InstanceView extends EngineInstance {
  /** Last heartbeat within deadAfterBeats * heartbeatMs. */
  alive: boolean;
  heartbeatAgeMs: number;
}

export interface LivenessRule {
  heartbeatMs: number;
  deadAfterBeats: number;
}

export type InstanceKey = Pick<EngineInstance, 'engine' | 'instanceId'>;

/** Discovery and liveness of engine instances: in-process in memory mode, the main Redis otherwise. */
export interface EngineRegistry {
  /** Waits up to `waitMs` for its store; false if unreachable (it keeps trying in the background). */
  connect(waitMs: number): Promise<boolean>;
  register(instance: EngineInstance): Promise<void>;
  heartbeat(instance: EngineInstance): Promise<void>;
  deregister(key: InstanceKey): Promise<void>;
  /** Every known instance, dead ones included until they expire, sorted by engine then instance. */
  list(): Promise<InstanceView[]>;
  close(): Promise<void>;
}

export function viewOf(instance: EngineInstance, nowNs: Nanos, rule: LivenessRule): InstanceView {
  const heartbeatAgeMs = Number((nowNs - instance.lastHeartbeatNs) / NS_PER_MS);
  return { ...instance, heartbeatAgeMs, alive: heartbeatAgeMs <= rule.deadAfterBeats * rule.heartbeatMs };
}

export function byEngineThenInstance(a: InstanceKey, b: InstanceKey): number {
  return a.engine.localeCompare(b.engine) || a.instanceId.localeCompare(b.instanceId);
}
