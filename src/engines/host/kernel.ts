import type { z } from 'zod';
import type { EngineSchemas } from '../../core/config/config-schema.ts';
import { NautilusError } from '../../core/errors.ts';
import { AnalyticsEngine } from '../analytics/engine.ts';
import { analyticsManifest } from '../analytics/manifest.ts';
import { ApiEngine } from '../api/engine.ts';
import { apiManifest } from '../api/manifest.ts';
import { BacktestingEngine } from '../backtesting/engine.ts';
import { backtestingManifest } from '../backtesting/manifest.ts';
import { CollateralEngine } from '../collateral/engine.ts';
import { collateralManifest } from '../collateral/manifest.ts';
import type { Engine, EngineContext, EngineFactory } from '../engine.ts';
import { EnhancedVpinEngine } from '../enhanced-vpin/engine.ts';
import { enhancedVpinManifest } from '../enhanced-vpin/manifest.ts';
import { ExecutionEngine } from '../execution/engine.ts';
import { executionManifest } from '../execution/manifest.ts';
import { FactorEngine } from '../factor/engine.ts';
import { factorManifest } from '../factor/manifest.ts';
import { FeaturesEngine } from '../features/engine.ts';
import { featuresManifest } from '../features/manifest.ts';
import type { EngineManifest } from '../manifest.ts';
import { MarketDataEngine } from '../marketdata/engine.ts';
import { marketdataManifest } from '../marketdata/manifest.ts';
import { MlEngine } from '../ml/engine.ts';
import { mlManifest } from '../ml/manifest.ts';
import { PortfolioEngine } from '../portfolio/engine.ts';
import { portfolioManifest } from '../portfolio/manifest.ts';
import { RiskEngine } from '../risk/engine.ts';
import { riskManifest } from '../risk/manifest.ts';
import { StrategyEngine } from '../strategy/engine.ts';
import { strategyManifest } from '../strategy/manifest.ts';
import { ToranikoEngine } from '../toraniko/engine.ts';
import { toranikoManifest } from '../toraniko/manifest.ts';
import { VpinEngine } from '../vpin/engine.ts';
import { vpinManifest } from '../vpin/manifest.ts';
import { WebsocketEngine } from '../websocket/engine.ts';
import { websocketManifest } from '../websocket/manifest.ts';

export interface EngineDefinition {
  manifest: EngineManifest;
  create: EngineFactory;
}

/** Engine name -> definition. */
export type EngineKernel = ReadonlyMap<string, EngineDefinition>;

/** Pairs a manifest with its engine, typing the engine's config as the manifest schema's output. */
export function defineEngine<S extends z.ZodType>(
  manifest: EngineManifest<S>,
  create: (ctx: EngineContext<z.output<S>>) => Engine,
): EngineDefinition {
  // Sound because the host always passes config parsed by this manifest's schema.
  return { manifest, create: create as unknown as EngineFactory };
}

/** Every engine the platform knows, in port order: the one place engines are wired. */
export const KERNEL: EngineKernel = new Map(
  [
    defineEngine(apiManifest, (ctx) => new ApiEngine(ctx)),
    defineEngine(analyticsManifest, (ctx) => new AnalyticsEngine(ctx)),
    defineEngine(backtestingManifest, (ctx) => new BacktestingEngine(ctx)),
    defineEngine(riskManifest, (ctx) => new RiskEngine(ctx)),
    defineEngine(factorManifest, (ctx) => new FactorEngine(ctx)),
    defineEngine(mlManifest, (ctx) => new MlEngine(ctx)),
    defineEngine(featuresManifest, (ctx) => new FeaturesEngine(ctx)),
    defineEngine(websocketManifest, (ctx) => new WebsocketEngine(ctx)),
    defineEngine(strategyManifest, (ctx) => new StrategyEngine(ctx)),
    defineEngine(executionManifest, (ctx) => new ExecutionEngine(ctx)),
    defineEngine(marketdataManifest, (ctx) => new MarketDataEngine(ctx)),
    defineEngine(portfolioManifest, (ctx) => new PortfolioEngine(ctx)),
    defineEngine(toranikoManifest, (ctx) => new ToranikoEngine(ctx)),
    defineEngine(collateralManifest, (ctx) => new CollateralEngine(ctx)),
    defineEngine(vpinManifest, (ctx) => new VpinEngine(ctx)),
    defineEngine(enhancedVpinManifest, (ctx) => new EnhancedVpinEngine(ctx)),
  ].map((definition) => [definition.manifest.name, definition]),
);

/** For the config loader: engine names and each engine's option schema. */
export function engineSchemas(kernel: EngineKernel = KERNEL): EngineSchemas {
  return Object.fromEntries([...kernel].map(([name, { manifest }]) => [name, manifest.configSchema]));
}

/** `['all']` or engine names -> definitions, in kernel order. */
export function selectEngines(names: readonly string[], kernel: EngineKernel = KERNEL): EngineDefinition[] {
  if (names.includes('all')) return [...kernel.values()];
  for (const name of names) {
    if (!kernel.has(name)) {
      throw new NautilusError(
        'CONFIG_INVALID',
        `engines: unknown engine "${name}" (known: ${[...kernel.keys()].join(', ')})`,
      );
    }
  }
  return [...kernel.values()].filter((definition) => names.includes(definition.manifest.name));
}

/** True when one of the selected engines reads or writes the store: the process must open it. */
export function needsStore(names: readonly string[], kernel: EngineKernel = KERNEL): boolean {
  return selectEngines(names, kernel).some((definition) => definition.manifest.usesStore === true);
}
