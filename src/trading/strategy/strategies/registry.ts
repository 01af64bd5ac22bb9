import type { z } from 'zod';
import { NautilusError } from '../../../core/errors.ts';
import type { Strategy } from '../strategy.ts';
import { EmaCross, emaCrossSchema } from './ema-cross.ts';
import { MeanReversion, meanReversionSchema } from './mean-reversion.ts';
import { VpinAware, vpinAwareSchema } from './vpin-aware.ts';

export interface StrategyDefinition {
  readonly name: string;
  readonly description: string;
  /** Validates and defaults the params (the strategy constructor applies it too). */
  readonly schema: z.ZodType;
  create(id: string, params: unknown): Strategy<unknown>;
}

/** The shipped strategies by name. */
export const STRATEGIES: Readonly<Record<string, StrategyDefinition>> = Object.freeze({
  'ema-cross': {
    name: 'ema-cross',
    description: 'Long when the fast EMA crosses above the slow one; flat (or short) when it crosses below.',
    schema: emaCrossSchema,
    create: (id, params) => new EmaCross(id, params),
  },
  'mean-reversion': {
    name: 'mean-reversion',
    description: 'Long below -entry z-score of the close, short above +entry (if allowed), flat inside exit.',
    schema: meanReversionSchema,
    create: (id, params) => new MeanReversion(id, params),
  },
  'vpin-aware': {
    name: 'vpin-aware',
    description:
      'EMA cross that stands aside (optionally flattens) while VPIN is above a toxicity threshold.',
    schema: vpinAwareSchema,
    create: (id, params) => new VpinAware(id, params),
  },
});

export function strategyNames(): string[] {
  return Object.keys(STRATEGIES);
}

export function strategyDefinition(name: string): StrategyDefinition {
  const definition = STRATEGIES[name];
  if (!definition) {
    throw new NautilusError('NOT_FOUND', `unknown strategy "${name}" (known: ${strategyNames().join(', ')})`);
  }
  return definition;
}

/** Builds a registered strategy; params are validated (errors name the strategy and param). */
export function createStrategy(name: string, id: string, params: unknown): Strategy<unknown> {
  return strategyDefinition(name).create(id, params);
}
