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
