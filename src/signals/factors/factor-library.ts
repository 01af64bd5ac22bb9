import type { FactorDefinition } from './factor-types.ts';
import { FUNDAMENTAL_FACTORS } from './fundamental-factors.ts';
import { MACRO_FACTORS } from './macro-factors.ts';
import { MICROSTRUCTURE_FACTORS } from './microstructure-factors.ts';
import { TECHNICAL_FACTORS } from './technical-factors.ts';

/** Every shipped factor definition, by category (docs/factors.md lists the same, in this order). */
export const FACTOR_LIBRARY: readonly FactorDefinition[] = [
  ...TECHNICAL_FACTORS,
  ...MICROSTRUCTURE_FACTORS,
  ...MACRO_FACTORS,
  ...FUNDAMENTAL_FACTORS,
];

const BY_NAME = new Map(FACTOR_LIBRARY.map((definition) => [definition.name, definition]));
if (BY_NAME.size !== FACTOR_LIBRARY.length) throw new Error('factor library: duplicate factor names');

export function factorByName(name: string): FactorDefinition | undefined {
  return BY_NAME.get(name);
}

/** FRED series ids the given definitions read (their `fred:<ID>` inputs). */
export function fredSeriesOf(definitions: readonly FactorDefinition[]): string[] {
  const ids = definitions.flatMap((d) =>
    d.inputs.filter((i) => i.startsWith('fred:')).map((i) => i.slice(5)),
  );
  return [...new Set(ids)].sort();
}

export function needsEdgar(definitions: readonly FactorDefinition[]): boolean {
  return definitions.some((d) => d.inputs.some((input) => input.startsWith('edgar:')));
}
