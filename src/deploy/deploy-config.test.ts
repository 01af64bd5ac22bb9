import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { busConfigSchema } from '../bus/bus-config.ts';
import { KERNEL } from '../engines/host/kernel.ts';
import { alertRules, DEPLOY_DIR, dashboards, deployFiles, deployYaml, readDeploy } from './deploy-files.ts';

interface ScrapeConfig {
  job_name: string;
  static_configs: { targets: string[]; labels?: Record<string, string> }[];
}

interface ComposeService {
  image: string;
  ports?: string[];
  volumes?: string[];
}

const compose = () => deployYaml<{ services: Record<string, ComposeService> }>('compose.yaml');
const portOf = (url: string) => Number(new URL(url).port);

describe('deploy/', () => {
  it('every YAML file parses and every JSON file parses', () => {
    const files = deployFiles();
    expect(files).toEqual(
      expect.arrayContaining([
        'compose.yaml',
        'prometheus/prometheus.yml',
        'prometheus/alert-rules.yml',
        'redis/bus-marketdata.conf',
        'redis/bus-engine-logic.conf',
      ]),
    );
    for (const path of files.filter((f) => /\.ya?ml$/.test(f))) expect(deployYaml(path), path).toBeTruthy();
    for (const path of files.filter((f) => f.endsWith('.json')))
      expect(() => JSON.parse(readDeploy(path)), path).not.toThrow();
  });

  it('Prometheus scrapes every engine port of the kernel, labelled with the engine', () => {
    const config = deployYaml<{ scrape_configs: ScrapeConfig[]; rule_files: string[] }>(
      'prometheus/prometheus.yml',
    );
    const job = config.scrape_configs.find((c) => c.job_name === 'nautilus')!;
    const scraped = job.static_configs
      .flatMap((c) => c.targets.map((t) => [c.labels?.target_engine, Number(t.split(':').at(-1))]))
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    const engines = [...KERNEL.values()]
      .map(({ manifest }) => [manifest.name, manifest.defaultPort])
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(scraped).toEqual(engines);
    for (const file of config.rule_files)
      expect(existsSync(join(DEPLOY_DIR, 'prometheus', file)), file).toBe(true);
  });

  it('every alert has a severity and a summary, and names are unique', () => {
    const rules = alertRules();
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(['warning', 'critical'], rule.alert).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
    }
  });

  it('the compose file runs both buses, the main Redis, PostgreSQL, Prometheus and Grafana on the configured ports', () => {
    const { services } = compose();
    expect(Object.keys(services).sort()).toEqual(
      ['bus-engine-logic', 'bus-marketdata', 'grafana', 'postgres', 'prometheus', 'redis-main'].sort(),
    );
    const hostPorts = Object.fromEntries(
      Object.entries(services).map(([name, s]) => [name, (s.ports ?? []).map((p) => p.split(':'))]),
    );
    // Published on loopback only, and on the ports the config defaults expect.
    for (const [name, ports] of Object.entries(hostPorts))
      for (const port of ports) expect(port[0], name).toBe('127.0.0.1');
    const defaults = busConfigSchema.parse({});
    expect(hostPorts['bus-marketdata']![0]![1]).toBe(String(portOf(defaults.marketDataUrl)));
    expect(hostPorts['bus-engine-logic']![0]![1]).toBe(String(portOf(defaults.engineLogicUrl)));
    expect(hostPorts['redis-main']![0]![1]).toBe(String(portOf(defaults.mainUrl)));
    expect(readDeploy('redis/bus-marketdata.conf')).toMatch(
      new RegExp(`^port ${portOf(defaults.marketDataUrl)}$`, 'm'),
    );
    expect(readDeploy('redis/bus-engine-logic.conf')).toMatch(
      new RegExp(`^port ${portOf(defaults.engineLogicUrl)}$`, 'm'),
    );
    // No host port collides with another service, an engine, the backend API (8001) or the dashboard (3000).
    const taken = Object.values(hostPorts).flatMap((ports) => ports.map((p) => Number(p[1])));
    expect(new Set(taken).size).toBe(taken.length);
    const platform = [3000, 8001, ...[...KERNEL.values()].map(({ manifest }) => manifest.defaultPort)];
    expect(taken.filter((port) => platform.includes(port))).toEqual([]);
  });

  it('every file the compose services mount exists', () => {
    for (const [name, service] of Object.entries(compose().services))
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('./'))
          expect(existsSync(join(DEPLOY_DIR, source)), `${name}: ${source}`).toBe(true);
      }
  });

  it('Grafana provisions the Prometheus datasource and loads the dashboards from where compose mounts them', () => {
    const { datasources } = deployYaml<{ datasources: { uid: string; type: string; url: string }[] }>(
      'grafana/provisioning/datasources/prometheus.yml',
    );
    expect(datasources).toEqual([expect.objectContaining({ uid: 'prometheus', type: 'prometheus' })]);
    expect(datasources[0]!.url).toBe(`http://prometheus:9090`);
    const { providers } = deployYaml<{ providers: { options: { path: string } }[] }>(
      'grafana/provisioning/dashboards/nautilus.yml',
    );
    expect(compose().services.grafana!.volumes).toContain(
      `./grafana/dashboards:${providers[0]!.options.path}:ro`,
    );
  });

  it('the dashboards use the provisioned datasource, with unique uids and panel ids', () => {
    const all = dashboards();
    expect(all.map(([, d]) => d.uid).sort()).toEqual(['nautilus-overview', 'nautilus-trading']);
    for (const [path, dashboard] of all) {
      const ids = dashboard.panels.map((p) => p.id);
      expect(new Set(ids).size, path).toBe(ids.length);
      for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) {
        expect(panel.datasource?.uid, `${path} ${panel.title}`).toBe('prometheus');
        expect(panel.targets?.length, `${path} ${panel.title}`).toBeGreaterThan(0);
      }
    }
  });
});
