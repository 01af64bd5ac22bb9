import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configOptionsMarkdown, describeConfig } from './describe-config.ts';
import { envPath } from './env-source.ts';
import { redactConfig } from './redact-config.ts';

describe('describeConfig', () => {
  const options = describeConfig({ risk: z.strictObject({ limit: z.number().default(5).describe('Max') }) });
  const byPath = new Map(options.map((o) => [o.path, o]));

  it('lists every leaf option with env name, type, default and description', () => {
    expect(byPath.get('bus.maxLen')).toEqual({
      path: 'bus.maxLen',
      env: 'NAUTILUS_BUS__MAX_LEN',
      type: 'number',
      default: 100_000,
      description: 'Approximate MAXLEN per stream, in entries (an entry holds 1-16 messages)',
    });
    expect(byPath.get('bus.transport')?.type).toBe('memory | redis');
    expect(byPath.get('engines')).toMatchObject({ type: 'string[]', default: ['all'] });
    expect(byPath.get('instanceId')?.default).toBeUndefined();
    expect(byPath.get('engineConfig.risk.limit')).toMatchObject({
      env: 'NAUTILUS_ENGINE_CONFIG__RISK__LIMIT',
      default: 5,
    });
    for (const option of options) expect(option.description, option.path).not.toBe('');
  });

  it('gives env names that map back to the option', () => {
    for (const option of options) expect(envPath(option.env).join('.')).toBe(option.path);
  });

  it('renders a Markdown table', () => {
    const markdown = configOptionsMarkdown(options);
    expect(markdown).toContain(
      '| `registry.heartbeatMs` | `NAUTILUS_REGISTRY__HEARTBEAT_MS` | number | `1000` |',
    );
    expect(markdown).toContain('memory \\| redis');
  });
});

describe('redactConfig', () => {
  it('masks URL credentials and secret keys', () => {
    const redacted = redactConfig({
      bus: { mainUrl: 'redis://user:pw@h:6379', marketDataUrl: 'redis://h:6380' },
      engineConfig: { marketdata: { apiKey: 'abc' } },
    });
    expect(redacted).toEqual({
      bus: { mainUrl: 'redis://user:***@h:6379', marketDataUrl: 'redis://h:6380' },
      engineConfig: { marketdata: { apiKey: '***' } },
    });
  });
});
