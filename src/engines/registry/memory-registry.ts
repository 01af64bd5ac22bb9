import type { Clock } from '../../core/clock.ts';
import {
  byEngineThenInstance,
  type EngineInstance,
  type EngineRegistry,
  type InstanceKey,
  type InstanceView,
  type LivenessRule,
  viewOf,
} from './engine-registry.ts';

const keyOf = ({ engine, instanceId }: InstanceKey) => `${engine}/${instanceId}`;

/** The registry of one process (memory bus): nothing outside the process can see it. */
export class MemoryEngineRegistry implements EngineRegistry {
  private readonly instances = new Map<string, EngineInstance>();

  constructor(
    private readonly clock: Clock,
    private readonly rule: LivenessRule,
  ) {}

  async connect(): Promise<boolean> {
    return true;
  }

  async register(instance: EngineInstance): Promise<void> {
    this.instances.set(keyOf(instance), { ...instance });
  }

  async heartbeat(instance: EngineInstance): Promise<void> {
    this.instances.set(keyOf(instance), { ...instance });
  }

  async deregister(key: InstanceKey): Promise<void> {
    this.instances.delete(keyOf(key));
  }

  async list(): Promise<InstanceView[]> {
    const now = this.clock.nowNs();
    return [...this.instances.values()].map((i) => viewOf(i, now, this.rule)).sort(byEngineThenInstance);
  }

  async close(): Promise<void> {}
}
