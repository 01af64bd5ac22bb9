import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { authenticate, hashApiKey, roleAllows } from './api-keys.ts';

const request = (url: string, remoteAddress: string, headers: Record<string, string> = {}) =>
  ({ url, headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('API keys', () => {
  it('hashes with sha256 hex', () => {
    // sha256("abc"), the FIPS 180-2 test vector.
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('opens to loopback only when no key is configured', () => {
    expect(authenticate(request('/ws', '127.0.0.1'), [])).toMatchObject({ ok: true, principal: 'local' });
    expect(authenticate(request('/ws', '::1'), [])).toMatchObject({ ok: true });
    expect(authenticate(request('/ws', '10.0.0.7'), [])).toMatchObject({ ok: false, status: 403 });
  });

  it('accepts a configured key from the header or the query, from any address', () => {
    const keys = [{ name: 'desk', keyHash: hashApiKey('k-1'), role: 'trader' as const }];
    expect(authenticate(request('/ws', '10.0.0.7', { 'x-api-key': 'k-1' }), keys)).toEqual({
      ok: true,
      principal: 'desk',
      role: 'trader',
    });
    expect(authenticate(request('/ws?key=k-1', '10.0.0.7'), keys)).toMatchObject({ ok: true });
    expect(authenticate(request('/ws?key=k-2', '127.0.0.1'), keys)).toMatchObject({ ok: false, status: 401 });
    expect(authenticate(request('/ws', '127.0.0.1'), keys)).toMatchObject({ ok: false, status: 401 });
  });

  it('orders roles: local > admin > trader > read-only', () => {
    expect(roleAllows('read-only', 'read-only')).toBe(true);
    expect(roleAllows('read-only', 'trader')).toBe(false);
    expect(roleAllows('trader', 'trader')).toBe(true);
    expect(roleAllows('trader', 'admin')).toBe(false);
    expect(roleAllows('admin', 'admin')).toBe(true);
    expect(roleAllows('local', 'admin')).toBe(true);
  });
});
