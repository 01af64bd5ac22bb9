import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Streams a text file's lines (gunzipped when it ends in .gz); never holds more than a chunk in memory. */
export async function* textLines(path: string): AsyncGenerator<string> {
  // Opening first turns a missing file into a rejection here instead of a stream error event.
  const handle = await open(path);
  const file = handle.createReadStream();
  let input: Readable = file;
  if (path.endsWith('.gz')) {
    // pipeline forwards a corrupt-gzip or read error to the last stream, which readline rethrows.
    input = pipeline(file, createGunzip(), () => {});
  }
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    yield* lines;
  } finally {
    lines.close();
    input.destroy();
    file.destroy();
  }
}

const LINE_BREAK = /\r\n|\n|\r/;

/**
 * The same lines as `textLines` (breaks at \r\n, \n or a lone \r, as readline), a chunk's worth
 * at a time: one await per chunk instead of one per line.
 */
export async function* textLineBatches(path: string): AsyncGenerator<string[]> {
  const handle = await open(path);
  const file = handle.createReadStream({ highWaterMark: 1 << 16 });
  let input: Readable = file;
  if (path.endsWith('.gz')) input = pipeline(file, createGunzip(), () => {});
  input.setEncoding('utf8');
  let carry = '';
  try {
    for await (const chunk of input) {
      let text = carry + (chunk as string);
      // A trailing \r may be the first half of \r\n: keep it for the next chunk.
      const heldBack = text.endsWith('\r');
      if (heldBack) text = text.slice(0, -1);
      const lines = text.includes('\r') ? text.split(LINE_BREAK) : text.split('\n');
      carry = lines.pop()!;
      if (heldBack) carry += '\r';
      if (lines.length > 0) yield lines;
    }
    // readline emits a last line without a break, and a lone \r at the end as one more break.
    if (carry.endsWith('\r')) yield [carry.slice(0, -1)];
    else if (carry !== '') yield [carry];
  } finally {
    input.destroy();
    file.destroy();
  }
}

/** Splits one CSV line; quoted cells ("a,b", "say ""hi""") only take the slow path when present. */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  return cells;
}
