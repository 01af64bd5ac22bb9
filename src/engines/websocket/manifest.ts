import { z } from 'zod';
import { apiKeyEntrySchema } from '../../core/api-keys.ts';
import { topics } from '../../domain/topics.ts';
import { defineManifest } from '../manifest.ts';

export const websocketConfigSchema = z.strictObject({
  apiKeys: z
    .array(apiKeyEntrySchema)
    .default([])
    .describe(
      'API keys accepted on the upgrade request (x-api-key header or ?key=): [{name, keyHash: sha256 hex, role}]; empty: localhost clients only',
    ),
  heartbeatMs: z
    .number()
    .int()
    .min(100)
    .default(15_000)
    .describe('heartbeat frame interval; a client that misses two WebSocket pongs in a row is dropped'),
  alertQueueLimit: z
    .number()
    .int()
    .min(1)
    .default(1_000)
    .describe(
      'alerts waiting for one client before it is disconnected as a slow consumer (alerts are never dropped)',
    ),
  retainPerTopic: z
    .number()
    .int()
    .min(1)
    .default(256)
    .describe('messages kept per topic for clients that resume after a reconnect'),
  resumeGraceMs: z
    .number()
    .int()
    .min(0)
    .default(60_000)
    .describe(
      'how long a topic stays subscribed (and retained) after its last client left, so a reconnecting client can resume',
    ),
  maxBufferedBytes: z
    .number()
    .int()
    .min(1_024)
    .default(1_048_576)
    .describe(
      'bytes a socket may have in flight; beyond it frames wait in the client queue, where prices conflate',
    ),
  maxClients: z
    .number()
    .int()
    .min(1)
    .default(50_000)
    .describe('connections accepted at once; more are refused with 503'),
  maxPatternsPerClient: z.number().int().min(1).default(64).describe('topic patterns one client may hold'),
  maxIdlePatterns: z
    .number()
    .int()
    .min(0)
    .default(1_000)
    .describe(
      'patterns no client holds any more that stay subscribed for resumes (resumeGraceMs); past it the longest-idle goes early',
    ),
});

export type WebsocketConfig = z.output<typeof websocketConfigSchema>;

export const websocketManifest = defineManifest({
  name: 'websocket',
  title: 'WebSocket',
  description:
    'Streams prices, positions, portfolio, risk, VPIN, alerts and engine health to WebSocket clients: one bus subscription per topic pattern, per-client bounded queues, resume after reconnect.',
  defaultPort: 8600,
  // Clients choose their topics at run time; protocol.ts narrows what they may ask for.
  subscribes: [topics.everything],
  publishes: [],
  configSchema: websocketConfigSchema,
  implemented: true,
});
