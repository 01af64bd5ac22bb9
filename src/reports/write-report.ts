import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BacktestReportInput } from './backtest-result.ts';
import { type RenderOptions, renderBacktestReport } from './render-backtest-report.ts';

/** Renders the report and writes it (UTF-8) to `path`, creating parent folders; returns the byte size. */
export async function writeBacktestReport(
  path: string,
  input: BacktestReportInput,
  options?: RenderOptions,
): Promise<number> {
  const html = renderBacktestReport(input, options);
  await mkdir(dirname(path), { recursive: true });
  const bytes = Buffer.from(html, 'utf8');
  await writeFile(path, bytes);
  return bytes.length;
}
