import type { z } from 'zod';
import { MESSAGE_TYPES, type MessageType } from './message-types.ts';
import { PAYLOAD_SCHEMAS } from './payloads.ts';
import { PRIORITIES, type Priority } from './priority.ts';
import type { Nanos } from './time.ts';

export const ENVELOPE_SCHEMA_VERSION = 1;

export interface Envelope<P = unknown> {
  /** Unique per message; handlers are idempotent by it. */
  id: string;
  type: MessageType;
  topic: string;
  source: { engine: string; instance: string };
  priority: Priority;
  eventTimeNs: Nanos;
  publishTimeNs: Nanos;
  schemaVersion: number;
  payload: P;
  /** Request/response: the request id this answers, and where to answer. */
  correlationId?: string;
  replyTo?: string;
}

const TYPES: ReadonlySet<string> = new Set(MESSAGE_TYPES);
const PRIORITY_SET: ReadonlySet<string> = new Set(PRIORITIES);
const NANOS_TEXT = /^\d{1,20}$/;

/**
 * Hand-written envelope check: it runs on every message read from a wire, where a generic schema
 * walk cost more than decoding (measured: 3.3 us vs 1.2 us per message). Payloads still go through
 * their zod schema.
 */
function checkEnvelope(raw: unknown): string | Envelope {
  if (typeof raw !== 'object' || raw === null) return 'envelope: expected an object';
  const e = raw as Record<string, unknown>;
  if (typeof e.id !== 'string' || e.id.length === 0 || e.id.length > 200)
    return 'envelope.id: expected a string of 1-200 chars';
  if (typeof e.type !== 'string' || !TYPES.has(e.type))
    return `envelope.type: unknown message type ${JSON.stringify(e.type)}`;
  if (typeof e.topic !== 'string' || e.topic.length === 0 || e.topic.length > 500)
    return 'envelope.topic: expected a string of 1-500 chars';
  const source = e.source as Record<string, unknown> | null;
  if (
    typeof source !== 'object' ||
    source === null ||
    typeof source.engine !== 'string' ||
    typeof source.instance !== 'string'
  ) {
    return 'envelope.source: expected { engine, instance }';
  }
  if (typeof e.priority !== 'string' || !PRIORITY_SET.has(e.priority))
    return `envelope.priority: unknown priority ${JSON.stringify(e.priority)}`;
  for (const key of ['eventTimeNs', 'publishTimeNs'] as const) {
    const value = e[key];
    if (typeof value === 'string' && NANOS_TEXT.test(value)) e[key] = BigInt(value);
    else if (typeof value !== 'bigint') return `envelope.${key}: expected integer nanoseconds`;
  }
  if (typeof e.schemaVersion !== 'number' || !Number.isInteger(e.schemaVersion) || e.schemaVersion < 1) {
    return 'envelope.schemaVersion: expected a positive integer';
  }
  if (e.correlationId !== undefined && typeof e.correlationId !== 'string')
    return 'envelope.correlationId: expected a string';
  if (e.replyTo !== undefined && typeof e.replyTo !== 'string') return 'envelope.replyTo: expected a string';
  return e as unknown as Envelope;
}

export type ValidationResult = { ok: true; envelope: Envelope } | { ok: false; reason: string };

function describe(error: z.ZodError, where: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${[where, ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
}

/** Validates a decoded wire object: the envelope, then the payload against its type's schema. */
export function validateEnvelope(raw: unknown): ValidationResult {
  const checked = checkEnvelope(raw);
  if (typeof checked === 'string') return { ok: false, reason: `invalid envelope: ${checked}` };
  const envelope = checked;
  if (envelope.schemaVersion > ENVELOPE_SCHEMA_VERSION) {
    return { ok: false, reason: `unsupported schemaVersion ${envelope.schemaVersion}` };
  }
  const payload = PAYLOAD_SCHEMAS[envelope.type].safeParse(envelope.payload);
  if (!payload.success) {
    return { ok: false, reason: `invalid ${envelope.type} payload: ${describe(payload.error, 'payload')}` };
  }
  envelope.payload = payload.data;
  return { ok: true, envelope };
}
