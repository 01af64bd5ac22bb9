import type { MessageBus } from '../bus/message-bus.ts';
import type { LocalCluster } from '../cluster/cluster.ts';
import type { ChaosLoad } from './chaos-load.ts';

/** What a scenario can touch: the running cluster, the load, a client bus, and a way to log. */
export interface ScenarioContext {
  cluster: LocalCluster;
  load: ChaosLoad;
  /** The campaign's own bus client (the load publishes through it). */
  bus: MessageBus;
  log: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
  /** Scales every hold time (quick runs). */
  holdMs: (ms: number) => number;
  /** bus.maxLen and bus.maxMessageBytes of the cluster's processes. */
  maxLen: number;
  /** bus.maxLenHard: retention drops unconsumed entries only beyond it (set far above maxLen here). */
  maxLenHard: number;
  maxMessageBytes: number;
  /** Reads both buses' XREADGROUP counters (call before a Redis restart resets them). */
  sampleReads: () => Promise<void>;
}

/** Figures a scenario reports beyond the ledger's (dead letters injected, fuzz results, ...). */
export type ScenarioFacts = Record<string, number | string | boolean>;

export interface Scenario {
  name: string;
  /** One line for the table: what is done. */
  fault: string;
  /** Injects the fault and undoes it; resolves when the fault is over (recovery is measured after). */
  run(ctx: ScenarioContext): Promise<ScenarioFacts>;
  /** Fails the scenario beyond the ledger's checks (e.g. a fuzzer saw a 5xx). */
  check?(facts: ScenarioFacts): string | undefined;
}
