import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The repository's deploy/ folder. */
export const DEPLOY_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'deploy');

/** Every file under deploy/, as paths relative to it, sorted. */
export function deployFiles(dir = DEPLOY_DIR): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

export function readDeploy(path: string): string {
  return readFileSync(join(DEPLOY_DIR, path), 'utf8');
}

/** A YAML file of deploy/; throws (naming the file) when it does not parse. */
export function deployYaml<T = Record<string, unknown>>(path: string): T {
  try {
    return parse(readDeploy(path), { strict: true, uniqueKeys: true }) as T;
  } catch (error) {
    throw new Error(`deploy/${path}: ${(error as Error).message}`);
  }
}

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function alertRules(): AlertRule[] {
  const file = deployYaml<{ groups: { name: string; rules: AlertRule[] }[] }>('prometheus/alert-rules.yml');
  return file.groups.flatMap((group) => group.rules);
}

export interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: { expr: string; datasource?: { uid: string } }[];
}

export interface Dashboard {
  uid: string;
  title: string;
  panels: DashboardPanel[];
  templating: { list: { name: string; query: { query: string } | string }[] };
}

export function dashboards(): [path: string, dashboard: Dashboard][] {
  return deployFiles()
    .filter((path) => path.startsWith('grafana/dashboards/') && path.endsWith('.json'))
    .map((path) => [path, JSON.parse(readDeploy(path)) as Dashboard]);
}

/** Every PromQL expression of the alert rules and dashboards (panel targets and variable queries), named by where it is. */
export function promqlExpressions(): [where: string, expr: string][] {
  const out: [string, string][] = alertRules().map((rule) => [`alert ${rule.alert}`, rule.expr]);
  for (const [path, dashboard] of dashboards()) {
    for (const panel of dashboard.panels)
      for (const target of panel.targets ?? []) out.push([`${path} panel "${panel.title}"`, target.expr]);
    for (const variable of dashboard.templating.list) {
      const query = typeof variable.query === 'string' ? variable.query : variable.query.query;
      out.push([`${path} variable ${variable.name}`, query]);
    }
  }
  return out;
}

/** One `metric{label op "value", ...}` selector of an expression (`labels` empty without braces). */
export interface Selector {
  metric: string;
  matchers: { label: string; op: string; value: string }[];
}

const SELECTOR = /\b(nautilus_[A-Za-z0-9_]+|up)\b(?:\{([^}]*)\})?/g;
const MATCHER = /([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g;

/**
 * The Nautilus metrics (and `up`) an expression selects. Our metric names all start with
 * `nautilus_`, so this needs no PromQL parser: label names and functions never do.
 */
export function selectors(expr: string): Selector[] {
  return [...expr.matchAll(SELECTOR)]
    .filter((match) => match[1] !== 'up' || /\bup\{/.test(match[0]))
    .map((match) => ({
      metric: match[1]!,
      matchers: [...(match[2] ?? '').matchAll(MATCHER)].map(([, label, op, value]) => ({
        label: label!,
        op: op!,
        value: value!,
      })),
    }));
}
