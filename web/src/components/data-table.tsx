import type { ReactNode } from 'react';
import { Empty } from './panel.tsx';

/** One column: its header, how a row fills its cell, and the cell's look. */
export interface Column<Row> {
  /** Text of the `<th>`; `''` leaves the header cell blank. */
  header: string;
  /** React key of the column; the header when left out. */
  key?: string;
  /** Right-aligned figures (`num` on both the header and the cells). */
  numeric?: boolean;
  /** Extra classes of the cell, fixed or per row (`muted`, `up`/`down`, …). */
  className?: string | ((row: Row) => string);
  cellTestId?: (row: Row) => string;
  cellTitle?: (row: Row) => string;
  cell: (row: Row) => ReactNode;
}

export interface DataTableProps<Row> {
  rows: Row[];
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  testId?: string;
  rowTestId?: (row: Row) => string;
  /** Without a header row (a plain key/value list). */
  headless?: boolean;
  /** Shown instead of the table when there are no rows; without it an empty table is drawn. */
  empty?: { text: ReactNode; testId: string };
  /** Makes rows clickable; the row whose key is `selectedKey` is highlighted. */
  onRowClick?: (row: Row) => void;
  selectedKey?: string | null;
}

function classOf(...parts: Array<string | undefined>): string | undefined {
  const joined = parts.filter(Boolean).join(' ');
  return joined === '' ? undefined : joined;
}

function cellClass<Row>(column: Column<Row>, row: Row): string | undefined {
  const extra = typeof column.className === 'function' ? column.className(row) : column.className;
  return classOf(column.numeric ? 'num' : undefined, extra);
}

/** The dashboard's `.table`: one shape for every list of rows, so headers, alignment and row look agree. */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { rows, columns, rowKey, onRowClick } = props;
  if (rows.length === 0 && props.empty) return <Empty testId={props.empty.testId}>{props.empty.text}</Empty>;
  return (
    <table className={onRowClick ? 'table clickable' : 'table'} data-testid={props.testId}>
      {!props.headless && (
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key ?? column.header} className={column.numeric ? 'num' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {rows.map((row) => {
          const key = rowKey(row);
          return (
            <tr
              key={key}
              className={onRowClick && key === props.selectedKey ? 'selected' : undefined}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              data-testid={props.rowTestId?.(row)}
            >
              {columns.map((column) => (
                <td
                  key={column.key ?? column.header}
                  className={cellClass(column, row)}
                  data-testid={column.cellTestId?.(row)}
                  title={column.cellTitle?.(row)}
                >
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
