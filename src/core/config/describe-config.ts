import { z } from 'zod';
import { buildConfigSchema, type EngineSchemas } from './config-schema.ts';
import { envName } from './env-source.ts';

export interface ConfigOption {
  /** Dotted key path, as in a config file or `--set`. */
  path: string;
  env: string;
  type: string;
  /** Effective default (undefined: none, the option is unset unless given). */
  default: unknown;
  description: string;
}

/** Peels wrappers (default, optional, preprocess) keeping the outermost description. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; description: string | undefined } {
  let inner = schema;
  let description = schema.description;
  for (;;) {
    if (inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault || inner instanceof z.ZodOptional) {
      inner = inner.def.innerType as z.ZodType;
    } else if (inner instanceof z.ZodPipe) {
      inner = (inner.def.out instanceof z.ZodTransform ? inner.def.in : inner.def.out) as z.ZodType;
    } else {
      return { inner, description };
    }
    description ??= inner.description;
  }
}

function typeName(schema: z.ZodType): string {
  const { inner } = unwrap(schema);
  if (inner instanceof z.ZodEnum) return inner.options.map(String).join(' | ');
  if (inner instanceof z.ZodArray) return `${typeName(inner.def.element as z.ZodType)}[]`;
  if (inner instanceof z.ZodRecord || inner instanceof z.ZodObject) return 'object';
  return inner.def.type;
}

function walk(schema: z.ZodType, path: string[], defaults: unknown, out: ConfigOption[]): void {
  const { inner, description } = unwrap(schema);
  if (inner instanceof z.ZodObject && path.length > 0 && Object.keys(inner.shape).length === 0) return;
  if (inner instanceof z.ZodObject) {
    for (const [key, child] of Object.entries(inner.shape as Record<string, z.ZodType>)) {
      const childDefaults = (defaults as Record<string, unknown> | undefined)?.[key];
      walk(child, [...path, key], childDefaults, out);
    }
    return;
  }
  out.push({
    path: path.join('.'),
    env: envName(path),
    type: typeName(inner),
    default: defaults,
    description: description ?? '',
  });
}

/**
 * Every option with its env variable, type, default and description, for `nautilus config
 * --describe` and the README. With engine schemas, each engine's own options are listed too.
 */
export function describeConfig(engineSchemas?: EngineSchemas): ConfigOption[] {
  const options: ConfigOption[] = [];
  const schema = buildConfigSchema();
  walk(schema, [], schema.parse({}), options);
  for (const [engine, schema] of Object.entries(engineSchemas ?? {})) {
    walk(schema, ['engineConfig', engine], schema.safeParse({}).data, options);
  }
  return options;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** A Markdown table of `describeConfig()`: the README's configuration section is generated from it. */
export function configOptionsMarkdown(options: readonly ConfigOption[]): string {
  const rows = options.map(
    (o) =>
      `| \`${o.path}\` | \`${o.env}\` | ${cell(o.type)} | ${o.default === undefined ? '' : `\`${cell(JSON.stringify(o.default))}\``} | ${cell(o.description)} |`,
  );
  return ['| option | env | type | default | description |', '|---|---|---|---|---|', ...rows].join('\n');
}
