import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createBus } from '../bus/create-bus.ts';
import { LocalCluster } from '../cluster/cluster.ts';
import type { ClusterUpOptions } from '../cluster/cluster-up.ts';
import { LiveClock } from '../core/live-clock.ts';
import { createLogger } from '../core/logger.ts';
import { topics } from '../domain/topics.ts';
import type { PortfolioUpdatePayload } from '../engines/portfolio/portfolio-payloads.ts';
import { openStore } from '../store/open-store.ts';
import { AuditReader } from './audit-reader.ts';
import { ChaosLoad } from './chaos-load.ts';
import { type DeliverySummary, type PublishedMessage, summarise } from './ledger-summary.ts';
import { ReadFailures } from './read-failures.ts';
import { type Reconciliation, reconcile } from './reconcile.ts';
import { deadLettersByReason } from './redis-stats.ts';
import type { Scenario, ScenarioContext, ScenarioFacts } from './scenario.ts';
import { SCENARIOS } from './scenarios.ts';

export interface CampaignOptions {
  dir: string;
  processes?: number;
  /** Shorter holds (CI); the fault durations the issue names (10 s) are kept. */
  quick?: boolean;
  /** Run only these scenarios (names). */
  only?: readonly string[];
  /** Leave the cluster running at the end (for a look at its logs and state). */
  keep?: boolean;
  /** Cluster ports and engine port offset (tests run beside other clusters). */
  ports?: ClusterUpOptions['ports'];
  portOffset?: number;
  /** Extra config for every process, e.g. `{ 'dashboard.enabled': false }`. */
  set?: Record<string, unknown>;
  say: (line: string) => void;
}

export interface ScenarioResult extends DeliverySummary {
  name: string;
  fault: string;
  deadLettered: number;
  /** Dead letters by reason (e.g. "undecodable json", "oversized entry"). */
  deadLetterReasons: Record<string, number>;
  failedXreadgroup: number;
  recoveryMs: number | null;
  facts: ScenarioFacts;
  problems: string[];
  passed: boolean;
}

export interface CampaignReport {
  scenarios: ScenarioResult[];
  reconciliation: Reconciliation;
  expectedGroups: Record<string, string[]>;
  xreadgroupCalls: number;
  /** Publishes the bus refused to the load (outage buffer full): never promised, so never lost. */
  publishRefusals: number;
  durationMs: number;
  passed: boolean;
}

const SYMBOLS = ['CX0', 'CX1', 'CX2', 'CX3', 'CX4', 'CX5', 'CX6', 'CX7'];
const MAX_LEN = 500;
const MAX_LEN_HARD = 200_000;
const MAX_MESSAGE_BYTES = 65_536;
const RECOVERY_LIMIT_MS = 90_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Issue 7's fault campaign: a local cluster under a steady load of market data and orders, every
 * message published kept in a ledger and every handler run in the processes' delivery audit, one
 * fault after another, then the books reconciled against the fills.
 */
export async function runCampaign(options: CampaignOptions): Promise<CampaignReport> {
  const started = performance.now();
  const { say } = options;
  rmSync(options.dir, { recursive: true, force: true });
  const auditDir = join(options.dir, 'audit');
  say(`starting the cluster in ${options.dir} ...`);
  const cluster = await LocalCluster.up({
    dir: options.dir,
    processes: options.processes,
    ports: options.ports,
    portOffset: options.portOffset,
    set: {
      ...options.set,
      'bus.maxLen': MAX_LEN,
      'bus.maxLenHard': MAX_LEN_HARD,
      'bus.maxMessageBytes': MAX_MESSAGE_BYTES,
      'bus.claimIdleMs': 3_000,
      'audit.deliveryLog': join(auditDir, '{instance}.log'),
      'audit.topics': [...SYMBOLS.map((s) => topics.marketData.trade(s)), topics.order.submit('chaos')],
    },
    // VPIN classifies trades by aggressor, so both VPIN instances read the campaign's trades.
    engineConfig: { vpin: { classification: 'aggressor', bucketSeconds: 2, window: 10 } },
  });
  say(
    `cluster up: ${cluster
      .processes()
      .map((p) => `${p.name} [${p.engines.join(',')}]`)
      .join('; ')}`,
  );
  const clock = new LiveClock();
  const logger = createLogger({ level: 'silent' });
  const bus = createBus(cluster.config().bus, { clock, logger, instanceId: 'chaos-campaign' });
  const store = await openStore({ ...cluster.config().store, dataDir: options.dir }, clock.nowNs());
  const audit = new AuditReader(auditDir);
  const reads = new ReadFailures(cluster);
  const load = new ChaosLoad(bus, clock, {
    symbols: SYMBOLS,
    tradesPerSecond: 400,
    ordersPerSecond: 4,
    instrument: { id: 'AAPL.SIM', symbol: 'AAPL' },
  });
  let portfolio: PortfolioUpdatePayload | undefined;
  try {
    await bus.start();
    await bus.subscribe('chaos-portfolio', topics.pattern('portfolio.update'), (envelope) => {
      portfolio = envelope.payload as PortfolioUpdatePayload;
    });
    load.start();
    await sleep(5_000);
    const ctx: ScenarioContext = {
      cluster,
      load,
      bus,
      log: (line) => say(`  ${line}`),
      sleep,
      holdMs: (ms) => (options.quick ? Math.ceil(ms / 2) : ms),
      sampleReads: async () => void (await reads.sample()),
      maxLen: MAX_LEN,
      maxLenHard: MAX_LEN_HARD,
      maxMessageBytes: MAX_MESSAGE_BYTES,
    };
    await reads.sample();
    const chosen = SCENARIOS.filter((s) => !options.only || options.only.includes(s.name));
    const results: ScenarioResult[] = [];
    for (const scenario of chosen) results.push(await runScenario(scenario, ctx, { audit, reads, cluster }));
    load.scenario = 'cool-down';
    await sleep(2_000);
    await load.stop();
    say('load stopped; waiting for every acknowledged message to be handled ...');
    await deliveredAll(audit, load.messages.values(), RECOVERY_LIMIT_MS);
    for (const result of results) finalise(result, load, audit);
    say('reconciling positions and balances against the fills ...');
    const reconciliation = await settleReconciliation(store, () => portfolio, load.orderIds);
    await reads.sample();
    const expectedGroups = Object.fromEntries(
      [...audit.groupsByTopic].map(([topic, groups]) => [topic, [...groups].sort()]),
    );
    return {
      scenarios: results,
      reconciliation,
      expectedGroups,
      xreadgroupCalls: reads.calls,
      publishRefusals: load.publishErrors,
      durationMs: Math.round(performance.now() - started),
      passed: results.every((r) => r.passed) && reconciliation.mismatches.length === 0,
    };
  } finally {
    await load.stop(0);
    await bus.stop().catch(() => undefined);
    await store.close().catch(() => undefined);
    if (!options.keep) await cluster.down();
  }
}

async function runScenario(
  scenario: Scenario,
  ctx: ScenarioContext,
  deps: { audit: AuditReader; reads: ReadFailures; cluster: LocalCluster },
): Promise<ScenarioResult> {
  const { load } = ctx;
  ctx.log(`--- ${scenario.name}: ${scenario.fault}`);
  load.scenario = scenario.name;
  const deadBefore = await deadLetterReasons(deps.cluster);
  const failedBefore = await deps.reads.sample();
  const problems: string[] = [];
  let facts: ScenarioFacts = {};
  try {
    facts = await scenario.run(ctx);
  } catch (error) {
    problems.push(`the fault could not be run: ${(error as Error).message}`);
  }
  const faultEnd = performance.now();
  const during = [...load.messages.values()].filter((m) => m.scenario === scenario.name);
  const recovered = await deliveredAll(deps.audit, during, RECOVERY_LIMIT_MS);
  const recoveryMs = recovered ? Math.round(performance.now() - faultEnd) : null;
  if (!recovered)
    problems.push(
      `not every message published during the fault was handled within ${RECOVERY_LIMIT_MS / 1000} s`,
    );
  const failedXreadgroup = (await deps.reads.sample()) - failedBefore;
  const deadLetterReasonsDelta = reasonsSince(deadBefore, await deadLetterReasons(deps.cluster));
  const deadLettered = Object.values(deadLetterReasonsDelta).reduce((sum, n) => sum + n, 0);
  const checked = scenario.check?.(facts);
  if (checked) problems.push(checked);
  ctx.log(`recovered in ${recoveryMs ?? '-'} ms; ${JSON.stringify(facts)}`);
  return {
    name: scenario.name,
    fault: scenario.fault,
    ...summarise(during, deps.audit.deliveries, deps.audit.groupsByTopic),
    deadLettered,
    deadLetterReasons: deadLetterReasonsDelta,
    failedXreadgroup,
    recoveryMs,
    facts,
    problems,
    passed: false,
  };
}

/** The final count, once everything has settled: loss is judged here, not at recovery time. */
function finalise(result: ScenarioResult, load: ChaosLoad, audit: AuditReader): void {
  const during = [...load.messages.values()].filter((m) => m.scenario === result.name);
  Object.assign(result, summarise(during, audit.deliveries, audit.groupsByTopic));
  if (result.lost > 0)
    result.problems.push(`${result.lost} acknowledged messages lost: ${result.lostExamples.join('; ')}`);
  if (result.failedXreadgroup > 0) result.problems.push(`${result.failedXreadgroup} failed XREADGROUP calls`);
  result.passed = result.problems.length === 0;
}

/** Polls the audit until every acknowledged message of `messages` reached every expected group. */
async function deliveredAll(
  audit: AuditReader,
  messages: Iterable<PublishedMessage>,
  limitMs: number,
): Promise<boolean> {
  const list = [...messages];
  const deadline = performance.now() + limitMs;
  for (;;) {
    audit.poll();
    if (summarise(list, audit.deliveries, audit.groupsByTopic).lost === 0) return true;
    if (performance.now() > deadline) return false;
    await sleep(250);
  }
}

/** Dead letters on both buses by reason (the reason's text up to its first colon). */
async function deadLetterReasons(cluster: LocalCluster): Promise<Map<string, number>> {
  const { prefix, marketDataUrl, engineLogicUrl } = cluster.urls();
  const total = new Map<string, number>();
  for (const [url, lane] of [
    [marketDataUrl, 'market_data'],
    [engineLogicUrl, 'engine_logic'],
  ] as const) {
    for (const [reason, n] of await deadLettersByReason(url, `${prefix}:${lane}:dead_letter`))
      total.set(reason, (total.get(reason) ?? 0) + n);
  }
  return total;
}

function reasonsSince(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [reason, n] of after)
    if (n > (before.get(reason) ?? 0)) delta[reason] = n - (before.get(reason) ?? 0);
  return delta;
}

/** Fill events keep flowing for a moment after the load stops: retries until the books agree or 60 s pass. */
async function settleReconciliation(
  store: Parameters<typeof reconcile>[0],
  latest: () => PortfolioUpdatePayload | undefined,
  orderIds: readonly string[],
): Promise<Reconciliation> {
  const deadline = performance.now() + 60_000;
  for (;;) {
    const live = latest();
    const result = live
      ? await reconcile(store, live, orderIds)
      : {
          checks: 1,
          mismatches: ['no portfolio.update received'],
          fills: 0,
          chaosOrders: orderIds.length,
          chaosFilled: 0,
          instruments: 0,
        };
    if (result.mismatches.length === 0 || performance.now() > deadline) return result;
    await sleep(1_000);
  }
}
