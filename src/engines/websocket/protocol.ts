import { z } from 'zod';
import { topicMatches, validatePattern } from '../../domain/topics.ts';

/**
 * What a client may subscribe to: prices, positions, portfolio, risk, VPIN, alerts and engine
 * health. A client pattern is allowed when one of these covers it (`vpin.*` covers
 * `vpin.calculation.AAPL`); everything else on the bus (orders, RPC, backtests) stays private.
 */
export const CLIENT_TOPICS: readonly string[] = [
  'price.update.*',
  'market_data.quote.*',
  'position.change.*',
  'portfolio.update.*',
  'portfolio.risk.*',
  'risk.*',
  'vpin.*',
  'toxicity.alert.*',
  'margin.alert.*',
  'system.health.*',
  'engine.health.*',
];

/** Topics whose every message matters: queued in order, never conflated or dropped. */
const ALERT_TOPICS: readonly string[] = [
  'toxicity.alert.*',
  'margin.alert.*',
  'risk.alert.*',
  'risk.state.*',
];

export function isAlertTopic(topic: string): boolean {
  return ALERT_TOPICS.some((pattern) => topicMatches(pattern, topic));
}

function allowedPattern(pattern: string): string | undefined {
  try {
    validatePattern(pattern);
  } catch (error) {
    return (error as Error).message;
  }
  if (!CLIENT_TOPICS.some((allowed) => topicMatches(allowed, pattern)))
    return `topic ${JSON.stringify(pattern)} is not available to clients (allowed: ${CLIENT_TOPICS.join(', ')})`;
  return undefined;
}

const clientPattern = z
  .string()
  .max(200)
  .superRefine((pattern, ctx) => {
    const problem = allowedPattern(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const seq = z.number().int().nonnegative();

export const clientFrameSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('subscribe'), topics: z.array(clientPattern).min(1).max(64) }),
  z.strictObject({ op: z.literal('unsubscribe'), topics: z.array(z.string().max(200)).min(1).max(64) }),
  z.strictObject({ op: z.literal('ping') }),
  z.strictObject({
    op: z.literal('resume'),
    /** The `epoch` of the welcome frame the client last saw: another epoch means the server restarted. */
    epoch: z.string().max(100),
    since: z
      .record(clientPattern, seq)
      .refine((since) => Object.keys(since).length <= 64, 'at most 64 topics'),
  }),
]);

export type ClientFrame = z.infer<typeof clientFrameSchema>;

export type ParseResult = { ok: true; frame: ClientFrame } | { ok: false; code: string; message: string };

/** One client frame, or the reason it is refused (sent back as an error frame). */
export function parseClientFrame(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, code: 'BAD_JSON', message: 'frame is not valid JSON' };
  }
  const parsed = clientFrameSchema.safeParse(raw);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, code: 'BAD_FRAME', message: `${where}${issue.message}` };
}

/** Server frames are serialised once and shared by every client they go to. */
export const serverFrame = {
  welcome: (epoch: string, heartbeatMs: number, client: string) =>
    JSON.stringify({ op: 'welcome', epoch, heartbeatMs, client }),
  heartbeat: (tsNs: bigint) => `{"op":"heartbeat","tsNs":"${tsNs}"}`,
  pong: '{"op":"pong"}',
  subscribed: (patterns: readonly string[]) => JSON.stringify({ op: 'subscribed', topics: patterns }),
  unsubscribed: (patterns: readonly string[]) => JSON.stringify({ op: 'unsubscribed', topics: patterns }),
  error: (code: string, message: string) => JSON.stringify({ op: 'error', code, message }),
  gap: (topic: string, fromSeq: number, toSeq: number | null, reason: string) =>
    JSON.stringify({ op: 'gap', topic, fromSeq, toSeq, reason }),
};
