import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOTS = resolve(import.meta.dirname, '../../../artifacts/screenshots');

export interface TextCondition {
  /** Texts that do not count (placeholders, or a value seen before). */
  notIn?: string[];
  /** A regular expression the text must match. */
  matches?: string;
}

const WAIT_MS = 20_000;
const POLL_MS = 100;

/** Polls `read` until it gives a value (not undefined); the error names what was awaited. */
async function poll<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
}

/** Waits for the test id's text to meet the condition, and returns it. */
export function textWhen(page: Page, testId: string, condition: TextCondition = {}): Promise<string> {
  const excluded = new Set(['', '–', ...(condition.notIn ?? [])]);
  const pattern = condition.matches === undefined ? null : new RegExp(condition.matches);
  return poll(
    async () => {
      const text = await page.getByTestId(testId).first().textContent({ timeout: WAIT_MS });
      if (text === null || excluded.has(text)) return undefined;
      return pattern === null || pattern.test(text) ? text : undefined;
    },
    `${testId} text ${JSON.stringify(condition)}`,
  );
}

/** Waits until the chart with this test id shows more than `atLeast` points. */
export function chartPoints(page: Page, testId: string, atLeast = 1): Promise<number> {
  return poll(async () => {
    const points = Number(await page.getByTestId(testId).getAttribute('data-points'));
    return points >= atLeast ? points : undefined;
  }, `${testId} with ${atLeast}+ points`);
}

/** The test id's text, then its next different text: proof the page shows live data. */
export async function changingText(page: Page, testId: string): Promise<[string, string]> {
  const before = await textWhen(page, testId);
  const after = await textWhen(page, testId, { notIn: [before] });
  return [before, after];
}

export async function countOf(page: Page, selector: string): Promise<number> {
  return page.locator(selector).count();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = resolve(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
