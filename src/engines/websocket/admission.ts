import type { IncomingMessage } from 'node:http';
import { type ApiKeyEntry, authenticate } from '../../core/api-keys.ts';

export const WEBSOCKET_PATH = '/ws';

export type Admission = { principal: string } | { status: number; reason: string; counted: string };

/** Whether an upgrade request may become a client, or the HTTP status and reason it is refused with. */
export function admitUpgrade(
  request: IncomingMessage,
  state: { running: boolean; clients: number; maxClients: number; apiKeys: readonly ApiKeyEntry[] },
): Admission {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path !== WEBSOCKET_PATH)
    return { status: 404, reason: `the WebSocket endpoint is ${WEBSOCKET_PATH}`, counted: 'path' };
  if (!state.running)
    return { status: 503, reason: 'engine websocket is not running', counted: 'not_running' };
  if (state.clients >= state.maxClients)
    return { status: 503, reason: `connection limit reached (${state.maxClients})`, counted: 'limit' };
  const auth = authenticate(request, state.apiKeys);
  if (auth.ok) return { principal: auth.principal };
  return { status: auth.status, reason: auth.reason, counted: 'auth' };
}
