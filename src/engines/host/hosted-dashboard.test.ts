import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { parseConfig } from '../../core/config/load-config.ts';
import { LiveClock } from '../../core/live-clock.ts';
import { createLogger } from '../../core/logger.ts';
import { EngineHost } from './engine-host.ts';

const hosts: EngineHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
});

async function startHost(settings: Record<string, unknown>) {
  const config = parseConfig(
    Object.entries(settings).map(([key, value]) => ({ path: key.split('.'), value, source: 'test' })),
  );
  const clock = new LiveClock();
  const notices: string[] = [];
  const host = new EngineHost({
    config,
    bus: new MemoryBus({ clock }),
    clock,
    logger: createLogger({ level: 'silent' }),
    ephemeralPorts: true,
    say: (text) => notices.push(text),
  });
  hosts.push(host);
  await host.start();
  return host;
}

describe('the dashboard of an engine host', () => {
  it("serves config.json with this host's websocket engine and no API when the api engine is not hosted", async () => {
    const host = await startHost({ engines: ['websocket'] });
    const info = host.dashboardInfo()!;
    const websocket = host.list()[0]!;
    expect(info).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      apiUrl: null,
      wsUrl: `ws://127.0.0.1:${websocket.port}/ws`,
    });
    expect(await (await fetch(`${info.url}/config.json`)).json()).toEqual({
      apiUrl: null,
      wsUrl: info.wsUrl,
    });
    expect(await (await fetch(`${info.url}/`)).text()).toContain('<div id="root">');
    await host.stop();
    await expect(fetch(`${info.url}/config.json`)).rejects.toThrow();
  });

  it('hands out the configured apiUrl and wsUrl instead', async () => {
    const host = await startHost({
      engines: ['risk'],
      'dashboard.apiUrl': 'https://api.example.test',
      'dashboard.wsUrl': 'wss://ws.example.test/ws',
    });
    const info = host.dashboardInfo()!;
    expect(await (await fetch(`${info.url}/config.json`)).json()).toEqual({
      apiUrl: 'https://api.example.test',
      wsUrl: 'wss://ws.example.test/ws',
    });
  });

  it('is not served with dashboard.enabled=false or http.enabled=false', async () => {
    expect((await startHost({ engines: ['risk'], 'dashboard.enabled': false })).dashboardInfo()).toBeNull();
    expect((await startHost({ engines: ['risk'], 'http.enabled': false })).dashboardInfo()).toBeNull();
  });
});
