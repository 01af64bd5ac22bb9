import { redactUrl } from '../logger.ts';
import { isPlainObject } from './config-entries.ts';

const SECRET_KEY = /password|secret|token|api_?key/i;

/** A copy safe to print: URL credentials and secret-looking keys are masked. */
export function redactConfig<T>(value: T, key = ''): T {
  if (Array.isArray(value)) return value.map((item) => redactConfig(item)) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactConfig(v, k)])) as T;
  }
  if (typeof value !== 'string') return value;
  if (SECRET_KEY.test(key)) return '***' as T;
  return (/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(value) ? redactUrl(value) : value) as T;
}
