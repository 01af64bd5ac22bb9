import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchBrowser, type TestBrowser } from './testing/browser.ts';
import { ADMIN_KEY, type LivePlatform, startLivePlatform } from './testing/live-platform.ts';
import { changingText, chartPoints, countOf, screenshot, textWhen } from './testing/page-kit.ts';

/**
 * The dashboard in a real chromium against a real platform: every engine on the memory bus, the
 * API and WebSocket engines on their ports, the dashboard served by the engine host.
 */
describe.skipIf(!browserTestsEnabled)('dashboard in chromium', () => {
  let platform: LivePlatform;
  let browser: TestBrowser;
  let page: Page;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startLivePlatform(), launchBrowser()]);
    page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => browserErrors.push(error.message));
  }, 90_000);

  // What the page showed when a test failed, next to the other screenshots.
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) await screenshot(page, `failed-${task.name.split(':')[0]}`);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  async function open(route: string): Promise<void> {
    await page.goto(`${platform.dashboardUrl}/#/${route}`);
    await page.getByTestId(`page-${route}`).waitFor();
  }

  it('serves config.json with the api and websocket engines of this host', async () => {
    const config = await (await fetch(`${platform.dashboardUrl}/config.json`)).json();
    const urls = new Map(platform.host.list().map((engine) => [engine.engine, engine.url]));
    expect(config).toEqual({
      apiUrl: urls.get('api'),
      wsUrl: `${urls.get('websocket')!.replace('http', 'ws')}/ws`,
    });
    expect(platform.host.dashboardInfo()?.url).toBe(platform.dashboardUrl);
  });

  it('is refused without the API key, and works on every page once the key is stored', async () => {
    await open('overview');
    await textWhen(page, 'error-note', { matches: 'API key' });
    await textWhen(page, 'api-state', { matches: '^API down$' });
    await page.getByTestId('api-key-input').fill(ADMIN_KEY);
    await page.getByTestId('api-key-save').click();
    await textWhen(page, 'api-state', { matches: '^API ok$' });
    await textWhen(page, 'ws-state', { matches: '^WS open$' });
    await page.reload();
    await textWhen(page, 'ws-state', { matches: '^WS open$' });
    expect(await page.evaluate("localStorage.getItem('nautilus.apiKey')")).toBe(ADMIN_KEY);
  }, 30_000);

  it('overview: every engine with its state and heartbeat, bus counters moving', async () => {
    await open('overview');
    await page.getByTestId('engine-row-api').waitFor();
    await textWhen(page, 'engine-state-marketdata', { matches: '^running$' });
    await textWhen(page, 'engine-age-marketdata', { matches: '^[\\d,]+ ms$' });
    const engines = await countOf(page, '[data-testid^="engine-row-"]');
    expect(engines).toBe(platform.host.list().length);
    const [before, after] = await changingText(page, 'published-total');
    expect(Number(after.replaceAll(',', ''))).toBeGreaterThan(Number(before.replaceAll(',', '')));
    await expect(page.getByTestId('ws-state').textContent()).resolves.toBe('WS open');
    await screenshot(page, 'overview');
  }, 30_000);

  it('market: quote, book, trades, chart and live prices of the chosen symbol', async () => {
    await open('market');
    await page.getByTestId('symbol-picker').selectOption('AAPL');
    await textWhen(page, 'quote-bid', { matches: '^\\d' });
    await changingText(page, 'quote-time');
    await page.getByTestId('trade-row').first().waitFor();
    expect(await countOf(page, '[data-testid="book-bid-row"]')).toBeGreaterThan(0);
    expect(await countOf(page, '[data-testid="book-ask-row"]')).toBeGreaterThan(0);
    await textWhen(page, 'live-price-count', { matches: '^[1-9]\\d* live' });
    await textWhen(page, 'live-price', { matches: '^\\d' });
    await chartPoints(page, 'price-chart');
    await screenshot(page, 'market');
  }, 30_000);

  it('portfolio: a paper market order from the ticket becomes a position', async () => {
    await open('portfolio');
    await page.getByTestId('ticket-symbol').locator('option[value="BTCUSDT"]').waitFor({ state: 'attached' });
    await page.getByTestId('ticket-symbol').selectOption('BTCUSDT');
    await page.getByTestId('ticket-side-buy').click();
    await page.getByTestId('ticket-qty').fill('0.01');
    // DAY, not the default IOC: the order keeps working until the book has filled it.
    await page.getByTestId('ticket-tif').selectOption('DAY');
    await page.getByTestId('ticket-submit').click();
    const answer = await textWhen(page, 'ticket-result');
    expect(answer).toMatch(/: (accepted|filled|submitted)/);
    // BTCUSDT, which the platform's own strategy does not trade: the position is this order's.
    await textWhen(page, 'position-qty-BTCUSDT', { matches: '^0\\.0100?$' });
    await page.getByTestId('fills-table').waitFor();
    await textWhen(page, 'equity', { matches: '^\\d' });
    await chartPoints(page, 'equity-chart');
  }, 30_000);

  it('portfolio: a limit order far from the market is listed as open, then canceled from the page', async () => {
    const previous = await textWhen(page, 'ticket-result');
    await page.getByTestId('ticket-type').selectOption('limit');
    await page.getByTestId('ticket-price').fill('1000');
    await page.getByTestId('ticket-submit').click();
    const answer = await textWhen(page, 'ticket-result', { notIn: [previous], matches: ': accepted' });
    const row = page.getByTestId(`open-order-${answer.split(':')[0]}`);
    await row.waitFor();
    await screenshot(page, 'portfolio');
    await row.getByTestId('cancel-order').click();
    await row.waitFor({ state: 'detached' });
  }, 30_000);

  it('risk: the trading state follows the admin buttons through the risk engine', async () => {
    await open('risk');
    await page.getByTestId('set-state-HALTED').click();
    await textWhen(page, 'trading-state', { matches: '^HALTED$' });
    await page.getByTestId('set-state-ACTIVE').click();
    await textWhen(page, 'trading-state', { matches: '^ACTIVE$' });
    await screenshot(page, 'risk');
  }, 30_000);

  it('vpin: readings per symbol and a chart of VPIN and its CDF', async () => {
    await open('vpin');
    await textWhen(page, 'vpin-value-AAPL', { matches: '^0\\.\\d{4}$' });
    await chartPoints(page, 'vpin-chart', 2);
    await screenshot(page, 'vpin');
  }, 30_000);

  it('factors: the factor engine’s calculations', async () => {
    await open('factors');
    await page.locator('[data-testid^="factor-row-"]').first().waitFor();
    await textWhen(page, 'factor-book_imbalance-AAPL', { matches: '^-?\\d' });
    await screenshot(page, 'factors');
  }, 30_000);

  it('backtests: a run launched from the form finishes with metrics and an equity chart', async () => {
    await open('backtests');
    await page.getByTestId('bt-data').fill('usdjpy-m1-bid-2013.csv');
    await page.getByTestId('bt-params').fill('fast=10, slow=20, quantity=100000');
    await page.getByTestId('bt-submit').click();
    await textWhen(page, 'bt-status', { matches: '^done$' });
    await page.getByTestId('bt-metrics').waitFor();
    await chartPoints(page, 'bt-equity-chart', 10);
    await screenshot(page, 'backtests');
  }, 45_000);

  it('bus: streams and consumer groups of the running bus', async () => {
    await open('bus');
    await page.getByTestId('bus-groups-table').locator('tbody tr').first().waitFor();
    await changingText(page, 'bus-published');
    await screenshot(page, 'bus');
    expect(browserErrors).toEqual([]);
  }, 30_000);
});
