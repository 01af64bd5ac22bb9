import { NautilusError } from '../../core/errors.ts';
import type { EngineManifest, HostFacts } from '../manifest.ts';

/**
 * `engineConfig.<name>` through the engine's schema (defaults filled). The config loader already
 * checks it with sources named; this keeps a host built from any config object just as strict.
 * With `facts`, the manifest's host-derived defaults fill the options the user left unset.
 */
export function resolveEngineConfig(
  manifest: EngineManifest,
  engineConfig: Readonly<Record<string, unknown>>,
  facts?: HostFacts,
): unknown {
  const given = (engineConfig[manifest.name] ?? {}) as Record<string, unknown>;
  const unset = (key: string) => given[key] === undefined;
  const derived =
    facts && manifest.hostDefaults
      ? Object.fromEntries(Object.entries(manifest.hostDefaults(facts)).filter(([key]) => unset(key)))
      : {};
  const parsed = manifest.configSchema.safeParse({ ...derived, ...given });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${['engineConfig', manifest.name, ...issue.path.map(String)].join('.')}: ${issue.message}`,
  );
  throw new NautilusError('CONFIG_INVALID', problems.join('; '), { details: { problems } });
}
