import type { Store } from '../../store/store.ts';
import { startTestHost } from '../testing/test-host.ts';

/**
 * A real host on the memory bus with OS-chosen ports, stopped when the test finishes; `api`
 * calls the api engine over HTTP on its port.
 */
export async function startApiHost(settings: Record<string, unknown>, store?: Store) {
  const { host, urlOf } = await startTestHost({ 'registry.heartbeatMs': 50, ...settings }, store);
  const base = urlOf('api');
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, body: type.includes('json') ? JSON.parse(text) : text };
  };
  return { host, api };
}
