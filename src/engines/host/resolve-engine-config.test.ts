import { describe, expect, it } from 'vitest';
import { apiManifest } from '../api/manifest.ts';
import { resolveEngineConfig } from './resolve-engine-config.ts';

const facts = { dashboardOrigins: ['http://localhost:3100', 'http://127.0.0.1:3100'] };

describe('resolveEngineConfig', () => {
  it("fills host-derived defaults: the api's CORS origins are the dashboard's, port offset included", () => {
    expect(resolveEngineConfig(apiManifest, {}, facts)).toMatchObject({
      corsOrigins: facts.dashboardOrigins,
    });
  });

  it('keeps what the user set over a host-derived default', () => {
    const config = resolveEngineConfig(
      apiManifest,
      { api: { corsOrigins: ['https://desk.example'] } },
      facts,
    );
    expect(config).toMatchObject({ corsOrigins: ['https://desk.example'] });
  });

  it('names the option and the problem when a value is wrong', () => {
    expect(() => resolveEngineConfig(apiManifest, { api: { corsOrigins: 'x' } }, facts)).toThrow(
      /engineConfig\.api\.corsOrigins/,
    );
  });
});
