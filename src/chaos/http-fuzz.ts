import { Agent } from 'node:http';
import { NautilusError } from '../core/errors.ts';
import { type FuzzRequest, type HttpCaseOptions, httpCases } from './http-cases.ts';
import { type SendOutcome, send } from './http-send.ts';
import { operationsOf } from './openapi-operations.ts';

export interface HttpFuzzOptions extends HttpCaseOptions {
  /** The api engine, e.g. http://127.0.0.1:8001 (its OpenAPI document is read from /docs/json). */
  baseUrl: string;
  /** Requests in flight at once (default 4): enough to overlap, too few to be a load test. */
  concurrency?: number;
  /** GET /health must stay 200 after every batch of this many requests (default 100). */
  batch?: number;
  timeoutMs?: number;
  /** Failures kept as examples (default 10). */
  maxExamples?: number;
}

export interface HttpFuzzFailure {
  kind: string;
  method: string;
  path: string;
  /** The first 200 characters of what was sent. */
  body?: string;
  status: number | null;
  problem: string;
  /** The first 300 characters of the answer. */
  response?: string;
}

export interface HttpFuzzReport {
  requests: number;
  byStatus: Record<number, number>;
  /** Statuses per mutation kind, to see which validators were reached. */
  byKind: Record<string, Record<number, number>>;
  /** Answers >= 500: every one is a finding. */
  serverErrors: number;
  /** 4xx answers without a JSON `{error: {message}}` body naming the problem. */
  badErrorBodies: number;
  /** 429s, counted apart: they say nothing about the validators. */
  rateLimited: number;
  timeouts: number;
  /** Connection resets and other transport failures (the server may have crashed). */
  networkErrors: number;
  healthChecks: number;
  healthFailures: number;
  examples: HttpFuzzFailure[];
}

const clip = (text: string | undefined, n: number) =>
  text === undefined ? undefined : text.length > n ? `${text.slice(0, n)}…(${text.length} chars)` : text;

/** The problem with an answer, or undefined when it is a clean success or a clean refusal. */
function judge(outcome: SendOutcome): string | undefined {
  if (!outcome.ok) return outcome.error;
  const { status, text } = outcome.response;
  if (status >= 500) return `server error ${status}`;
  if (status < 400) return undefined;
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    return typeof message === 'string' && message.length > 0 ? undefined : 'error body has no message';
  } catch {
    return 'error body is not JSON';
  }
}

/**
 * Fuzzes the API from its own OpenAPI document: seeded mutations of every operation's body, query
 * and path parameters and credentials, each answer checked (< 500, a JSON error naming the problem
 * for 4xx), and GET /health checked between batches. Meant for a live cluster as much as for tests.
 */
export async function runHttpFuzz(options: HttpFuzzOptions): Promise<HttpFuzzReport> {
  const base = new URL(options.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency ?? 4 });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headers: Record<string, string> = options.apiKey ? { 'x-api-key': options.apiKey } : {};
  const report: HttpFuzzReport = {
    requests: 0,
    byStatus: {},
    byKind: {},
    serverErrors: 0,
    badErrorBodies: 0,
    rateLimited: 0,
    timeouts: 0,
    networkErrors: 0,
    healthChecks: 0,
    healthFailures: 0,
    examples: [],
  };
  const fail = (failure: HttpFuzzFailure) => {
    if (report.examples.length < (options.maxExamples ?? 10)) report.examples.push(failure);
  };
  try {
    const docs = await send(agent, base, { method: 'GET', path: '/docs/json', headers }, timeoutMs);
    if (!docs.ok || docs.response.status !== 200)
      throw new NautilusError(
        'UPSTREAM_ERROR',
        `GET ${options.baseUrl}/docs/json: ${docs.ok ? `status ${docs.response.status}` : docs.error}`,
      );
    const cases = httpCases(operationsOf(JSON.parse(docs.response.text)), options);

    const run = async (req: FuzzRequest) => {
      const outcome = await send(agent, base, req, timeoutMs);
      report.requests++;
      const status = outcome.ok ? outcome.response.status : null;
      if (status !== null) {
        report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
        report.byKind[req.kind] ??= {};
        const kind = report.byKind[req.kind]!;
        kind[status] = (kind[status] ?? 0) + 1;
      }
      if (status === 429) report.rateLimited++;
      const problem = judge(outcome);
      if (!problem) return;
      if (!outcome.ok) outcome.timeout ? report.timeouts++ : report.networkErrors++;
      else if (outcome.response.status >= 500) report.serverErrors++;
      else report.badErrorBodies++;
      fail({
        kind: req.kind,
        method: req.method,
        path: clip(req.path, 200)!,
        ...(req.body !== undefined ? { body: clip(req.body, 200)! } : {}),
        status,
        problem,
        ...(outcome.ok ? { response: clip(outcome.response.text, 300)! } : {}),
      });
    };

    const batch = options.batch ?? 100;
    const concurrency = options.concurrency ?? 4;
    for (let start = 0; start < cases.length; start += batch) {
      const queue = cases.slice(start, start + batch);
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let req = queue.shift(); req; req = queue.shift()) await run(req);
        }),
      );
      report.healthChecks++;
      const health = await send(agent, base, { method: 'GET', path: '/health', headers: {} }, timeoutMs);
      if (!health.ok || health.response.status !== 200) {
        report.healthFailures++;
        fail({
          kind: 'health',
          method: 'GET',
          path: '/health',
          status: health.ok ? health.response.status : null,
          problem: health.ok
            ? `health ${health.response.status} after request ${start + batch}`
            : health.error,
        });
      }
    }
    return report;
  } finally {
    agent.destroy();
  }
}
