import { z } from 'zod';
import { MESSAGE_TYPES, type MessageType } from './message-types.ts';
import { nanos, PAYLOAD_SCHEMAS } from './payloads.ts';
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

export const envelopeSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(MESSAGE_TYPES),
  topic: z.string().min(1).max(500),
  source: z.object({ engine: z.string().min(1), instance: z.string().min(1) }),
  priority: z.enum(PRIORITIES),
  eventTimeNs: nanos,
  publishTimeNs: nanos,
  schemaVersion: z.number().int().positive(),
  payload: z.unknown(),
  correlationId: z.string().optional(),
  replyTo: z.string().optional(),
});

export type ValidationResult = { ok: true; envelope: Envelope } | { ok: false; reason: string };

function describe(error: z.ZodError, where: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${[where, ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
}

/** Validates a decoded wire object: the envelope, then the payload against its type's schema. */
export function validateEnvelope(raw: unknown): ValidationResult {
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, reason: `invalid envelope: ${describe(parsed.error, 'envelope')}` };
  const envelope = parsed.data as Envelope;
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
