/**
 * What the ml engine reads from a `feature.calculation.<symbol>` payload: a record of numeric
 * features for one symbol. Accepted shapes, first match wins:
 *   1. `{ symbol, values: { name: number | null } }` (the features engine's FeatureCalculation);
 *   2. `{ symbol, features: { name: number | null } }`;
 *   3. `{ symbol, name | feature: string, value: number }` (one feature per message);
 *   4. otherwise every top-level number except counters and times (`bars`, keys ending in `Ns`).
 * Nested plain objects of numbers inside the record are flattened as `outer.inner` (one level).
 * null, NaN and non-numbers are "missing": the feature exists but has no value yet. Unknown
 * fields are ignored, so the publisher may add fields freely.
 */
export interface FeatureRecord {
  symbol: string;
  /** Feature name -> value; NaN where the publisher gave null (warming up). */
  values: Map<string, number>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const SKIPPED_TOP_LEVEL = new Set(['symbol', 'bars', 'spec']);

function collect(
  record: Record<string, unknown>,
  into: Map<string, number>,
  prefix: string,
  depth: number,
): void {
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'number') into.set(prefix + key, Number.isFinite(value) ? value : Number.NaN);
    else if (value === null) into.set(prefix + key, Number.NaN);
    else if (depth > 0 && isRecord(value)) collect(value, into, `${prefix}${key}.`, depth - 1);
  }
}

/** The record of a payload, or undefined when it names no symbol (the caller may use the topic's). */
export function readFeatures(payload: unknown, topicSymbol: string): FeatureRecord | undefined {
  if (!isRecord(payload)) return undefined;
  const symbol =
    typeof payload.symbol === 'string' && payload.symbol.length > 0 ? payload.symbol : topicSymbol;
  const values = new Map<string, number>();
  if (isRecord(payload.values)) collect(payload.values, values, '', 1);
  else if (isRecord(payload.features)) collect(payload.features, values, '', 1);
  else {
    const name = typeof payload.name === 'string' ? payload.name : payload.feature;
    if (typeof name === 'string' && 'value' in payload) {
      collect({ [name]: payload.value }, values, '', 0);
    } else {
      const top: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(payload))
        if (!SKIPPED_TOP_LEVEL.has(key) && !key.endsWith('Ns')) top[key] = value;
      collect(top, values, '', 0);
    }
  }
  return values.size > 0 ? { symbol, values } : undefined;
}
