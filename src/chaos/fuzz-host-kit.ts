import { hashApiKey } from '../core/api-keys.ts';
import { startTestHost } from '../engines/testing/test-host.ts';

/** Keys of each role, as the fuzz tests configure them on the api and websocket engines. */
export const KEYS = { read: 'read-key', trade: 'trade-key', admin: 'admin-key' } as const;
export const keyEntries = [
  { name: 'viewer', keyHash: hashApiKey(KEYS.read), role: 'read-only' },
  { name: 'desk', keyHash: hashApiKey(KEYS.trade), role: 'trader' },
  { name: 'boss', keyHash: hashApiKey(KEYS.admin), role: 'admin' },
];

/** A real host (memory bus, OS-chosen ports, no dashboard) stopped when the test finishes. */
export function startFuzzHost(settings: Record<string, unknown>) {
  return startTestHost({ 'registry.heartbeatMs': 100, 'dashboard.enabled': false, ...settings });
}
