import type { z } from 'zod';
import { NautilusError } from '../errors.ts';
import { type MergedConfig, sourceOf } from './config-entries.ts';

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** One line per problem: `bus.maxLen: expected number, got string (from env NAUTILUS_BUS__MAX_LEN)`. */
function describeIssue(issue: z.core.$ZodIssue, merged: MergedConfig): string[] {
  const path = issue.path.map(String);
  const at = (keys: string[]) => keys.join('.') || '(root)';
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map(
      (key) => `${at([...path, key])}: unknown key (from ${sourceOf(merged.sources, [...path, key])})`,
    );
  }
  // Parsed with reportInput, so the issue carries the value as the schema saw it (after preprocessing).
  const actual = issue.input;
  if (issue.code === 'invalid_type' && actual === undefined) {
    return [`${at(path)}: required ${issue.expected}, not set in any source`];
  }
  let problem = issue.message;
  if (issue.code === 'invalid_type') {
    problem = `expected ${issue.expected}, got ${kindOf(actual)}`;
  } else if (issue.code === 'invalid_value') {
    problem = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join('|')}, got ${JSON.stringify(actual)}`;
  }
  return [`${at(path)}: ${problem} (from ${sourceOf(merged.sources, path)})`];
}

export function configError(error: z.ZodError, merged: MergedConfig): NautilusError {
  const problems = error.issues.flatMap((issue) => describeIssue(issue, merged));
  return new NautilusError('CONFIG_INVALID', problems.join('; '), { details: { problems } });
}
