import type { StoreRows, TableName } from './rows.ts';
import type { SqlExecutor } from './sql-client.ts';
import { type ColumnSpec, type ColumnType, TABLE_SPECS, type TableSpec } from './table-specs.ts';

/** Parameter array type per column type: JSON travels as text and is cast in SQL, identically on both backends. */
const ARRAY_TYPE: Record<ColumnType, string> = {
  bigint: 'bigint[]',
  text: 'text[]',
  float8: 'float8[]',
  numeric: 'numeric[]',
  int4: 'int4[]',
  jsonb: 'text[]',
  'jsonb-list': 'text[]',
};

function selectExpr(column: ColumnSpec<unknown>): string {
  return column.type === 'jsonb' || column.type === 'jsonb-list'
    ? `u.${column.column}::jsonb`
    : `u.${column.column}`;
}

const statements = new Map<TableName, string>();

/**
 * One statement for any batch size: one array parameter per column, unnested into rows. Fewer
 * parameters and one plan for every batch, where a multi-row VALUES list needs n*columns.
 * Keyed (state) tables upsert: the newest state wins.
 */
export function insertStatement(table: TableName): string {
  const cached = statements.get(table);
  if (cached) return cached;
  const spec = TABLE_SPECS[table] as TableSpec<unknown>;
  const names = spec.columns.map((c) => c.column);
  const arrays = spec.columns.map((c, i) => `$${i + 1}::${ARRAY_TYPE[c.type]}`);
  let sql = `INSERT INTO ${table} (${names.join(', ')}) SELECT ${spec.columns.map(selectExpr).join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${names.join(', ')})`;
  if (spec.key) {
    const updates = names.filter((n) => !spec.key?.includes(n)).map((n) => `${n} = EXCLUDED.${n}`);
    sql += ` ON CONFLICT (${spec.key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
  }
  statements.set(table, sql);
  return sql;
}

function cell(column: ColumnSpec<unknown>, value: unknown): unknown {
  if (column.type === 'jsonb') return JSON.stringify(value ?? {});
  if (column.type === 'jsonb-list') return JSON.stringify(value ?? []);
  return value ?? null;
}

/** Upserting the same key twice in one statement is an error in PostgreSQL: keep the last row per key. */
function lastPerKey<Row>(spec: TableSpec<Row>, rows: readonly Row[]): readonly Row[] {
  if (!spec.key) return rows;
  const keyColumns = spec.columns.filter((c) => spec.key?.includes(c.column));
  const byKey = new Map<string, Row>();
  for (const row of rows) byKey.set(JSON.stringify(keyColumns.map((c) => String(row[c.key]))), row);
  return byKey.size === rows.length ? rows : [...byKey.values()];
}

/** Writes `rows` in one statement (atomic: all or none). Returns the number of rows sent. */
export async function insertRows<T extends TableName>(
  db: SqlExecutor,
  table: T,
  rows: readonly StoreRows[T][],
): Promise<number> {
  if (rows.length === 0) return 0;
  const spec = TABLE_SPECS[table] as TableSpec<StoreRows[T]>;
  const unique = lastPerKey(spec, rows);
  const params = spec.columns.map((column) =>
    unique.map((row) => cell(column as ColumnSpec<unknown>, row[column.key])),
  );
  await db.query(insertStatement(table), params);
  return unique.length;
}

export interface ReadOptions<Row> {
  /** Equality filters, e.g. `{ orderId: 'o-1' }`. */
  where?: Partial<Row>;
  /** Ascending order (default: the primary key, else the first column). */
  orderBy?: keyof Row & string;
  /** Newest (largest) first instead. */
  descending?: boolean;
  limit?: number;
}

/** Rows of `table` in the engines' shape (camelCase keys; absent optional values come back as null). */
export async function readRows<T extends TableName>(
  db: SqlExecutor,
  table: T,
  options: ReadOptions<StoreRows[T]> = {},
): Promise<StoreRows[T][]> {
  const spec = TABLE_SPECS[table] as TableSpec<StoreRows[T]>;
  const byKey = new Map(spec.columns.map((c) => [c.key as string, c]));
  const params: unknown[] = [];
  const filters = Object.entries(options.where ?? {}).map(([key, value]) => {
    const column = byKey.get(key);
    if (!column) throw new Error(`${table} has no column for ${key}`);
    params.push(value);
    return `${column.column} = $${params.length}`;
  });
  const order = options.orderBy
    ? (byKey.get(options.orderBy)?.column ?? spec.columns[0]!.column)
    : (spec.key?.join(', ') ?? spec.columns[0]!.column);
  const select = spec.columns.map((c) => (c.column === c.key ? c.column : `${c.column} AS "${c.key}"`));
  let sql = `SELECT ${select.join(', ')} FROM ${table}`;
  if (filters.length > 0) sql += ` WHERE ${filters.join(' AND ')}`;
  sql += ` ORDER BY ${order}${options.descending ? ' DESC' : ''}`;
  if (options.limit !== undefined) sql += ` LIMIT ${Math.trunc(options.limit)}`;
  return db.query<StoreRows[T]>(sql, params);
}
