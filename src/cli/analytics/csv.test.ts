import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findColumn, parseDecimal, readCsv, splitCsvLine, widePrices } from './csv.ts';

const dir = mkdtempSync(join(tmpdir(), 'nautilus-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('analytics CSV reading', () => {
  it('splits quoted fields and trims plain ones', () => {
    expect(splitCsvLine(' a , "b, c" ,"say ""hi""",', 'f', 1)).toEqual(['a', 'b, c', 'say "hi"', '']);
    expect(() => splitCsvLine('a,"b', 'f.csv', 7)).toThrow('f.csv:7: unterminated quoted field');
  });

  it('accepts only plain decimals', () => {
    expect(parseDecimal(' -0.0123 ')).toBe(-0.0123);
    expect(parseDecimal('1e-3')).toBe(0.001);
    expect(parseDecimal('.5')).toBe(0.5);
    for (const text of ['', '1.5%', '0x10', 'NaN', 'Infinity', '1,5', 'abc'])
      expect(parseDecimal(text)).toBeUndefined();
  });

  it('detects a header, skips blank and comment lines, keeps line numbers (CRLF, BOM)', () => {
    const path = file(
      'a.csv',
      '\uFEFFDate,Return\r\n# a comment\r\n\r\n2024-01-02,0.01\r\n2024-01-03,-0.02\r\n',
    );
    const table = readCsv(path);
    expect(table).toMatchObject({ hasHeader: true, columns: ['Date', 'Return'] });
    expect(table.rows).toEqual([
      { line: 4, cells: ['2024-01-02', '0.01'] },
      { line: 5, cells: ['2024-01-03', '-0.02'] },
    ]);
    expect(findColumn(table, 'RETURN', '--column')).toBe(1);
    expect(findColumn(table, '2', '--column')).toBe(1);
    expect(() => findColumn(table, 'date', '--column')).toThrow('--column: no column date');
  });

  it('names the columns of a file without a header', () => {
    expect(readCsv(file('b.csv', '1,0.01\n2,0.02\n')).columns).toEqual(['date', 'return']);
    expect(readCsv(file('c.csv', '1,0.01,0.02\n')).columns).toEqual(['date', 'column2', 'column3']);
  });

  it('fails empty files, header-only files, duplicate names and ragged rows', () => {
    expect(() => readCsv(file('empty.csv', '\n\n'))).toThrow(/empty\.csv: empty file/);
    expect(() => readCsv(file('head.csv', 'date,return\n'))).toThrow(/head\.csv: no data rows/);
    expect(() => readCsv(file('dup.csv', 'date,A,a\n1,2,3\n'))).toThrow(
      /dup\.csv:1: header: duplicate column a/,
    );
    expect(() => readCsv(file('rag.csv', 'date,A\n1,2\n2\n'))).toThrow(/rag\.csv:3: expected 2 columns/);
    expect(() => readCsv(file('nodate.csv', 'date,A\n,2\n'))).toThrow(/nodate\.csv:2: empty date/);
  });

  it('reads wide prices with blank leading cells as null', () => {
    const table = readCsv(file('wide.csv', 'date,A,B\n1,,10\n2,5,11\n'), { requireHeader: true });
    expect(widePrices(table, [1, 2])).toEqual([
      [null, 10],
      [5, 11],
    ]);
  });
});
