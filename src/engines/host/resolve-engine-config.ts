import { NautilusError } from '../../core/errors.ts';
import type { EngineManifest } from '../manifest.ts';

/**
 * `engineConfig.<name>` through the engine's schema (defaults filled). The config loader already
 * checks it with sources named; this keeps a host built from any config object just as strict.
 */
export function resolveEngineConfig(
  manifest: EngineManifest,
  engineConfig: Readonly<Record<string, unknown>>,
): unknown {
  const parsed = manifest.configSchema.safeParse(engineConfig[manifest.name] ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${['engineConfig', manifest.name, ...issue.path.map(String)].join('.')}: ${issue.message}`,
  );
  throw new NautilusError('CONFIG_INVALID', problems.join('; '), { details: { problems } });
}
