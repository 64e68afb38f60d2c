import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { feedbackService } from '@participa/feedback';
import { territoryService } from '@participa/territory';
import { startTestGraph, type TestGraph } from '@participa/testing';
import { type LoopbackBrowser, launchLoopbackBrowser } from '@participa/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The graph as a front-end developer meets it in a real browser (headless Chromium) that can reach
 * nothing beyond loopback: the IDE loads offline and shows the schema's documentation, a shared
 * `?query=` link opens with its operation, and a page of a listed origin may call the graph while
 * a page of any other origin may not.
 */
let graph: TestGraph;
let browser: LoopbackBrowser;
let gatewayOrigin: string;
const pages: http.Server[] = [];

/** A page of its own origin that calls the graph with fetch, as a front end would. */
async function servePage(gatewayUrl: () => string): Promise<string> {
  const server = http.createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><body><script>
      fetch(${JSON.stringify(gatewayUrl())}, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ networks { code } }' }),
      })
        .then((r) => r.json())
        .then((b) => { document.body.dataset.result = b.data.networks.map((n) => n.code).join(','); })
        .catch(() => { document.body.dataset.result = 'refused'; });
    </script></body>`);
  });
  pages.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let listedOrigin: string;
let otherOrigin: string;
beforeAll(async () => {
  browser = await launchLoopbackBrowser();
  listedOrigin = await servePage(() => graph.gatewayUrl);
  otherOrigin = await servePage(() => graph.gatewayUrl);
  graph = await startTestGraph([territoryService, feedbackService], {
    gateway: { cors: { origins: [listedOrigin], maxAgeSeconds: 60 } },
  });
  gatewayOrigin = new URL(graph.gatewayUrl).origin;
}, 600_000);
afterAll(async () => {
  await browser?.close();
  for (const server of pages) server.close();
  await graph?.stop();
});

describe('GraphiQL in a browser with no network beyond loopback', () => {
  it('loads and fills the documentation panel with the schema’s types', async () => {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    await page.goto(`${gatewayOrigin}/`, { waitUntil: 'networkidle0' });
    await page.click('button[aria-label$="Documentation Explorer"]');
    // In-page code as text: this package is typed for Node, not the DOM.
    await page.waitForFunction("document.body.innerText.includes('All Schema Types')", { timeout: 20_000 });
    const docs = await page.$eval(
      '.graphiql-doc-explorer',
      (element) => (element as unknown as { innerText: string }).innerText,
    );
    for (const type of ['Query', 'Mutation', 'Network', 'Territory', 'Pqrs', 'SubmitPqrsInput'])
      expect(docs).toContain(type);
    expect(consoleErrors).toEqual([]);
    expect(browser.refused).toEqual([]);
    await page.close();
  });

  it('opens a shared ?query= link with its operation and runs it', async () => {
    const page = await browser.newPage();
    const query = '{ networks { code name } }';
    await page.goto(`${gatewayOrigin}/graphql?query=${encodeURIComponent(query)}`, {
      waitUntil: 'networkidle0',
    });
    const editor = await page.$eval(
      '.graphiql-query-editor',
      (element) => (element as unknown as { innerText: string }).innerText,
    );
    expect(editor).toContain('networks { code name }');
    await page.click('button[aria-label^="Execute query"]');
    await page.waitForFunction(
      "document.querySelector('.graphiql-response')?.textContent.includes('SURORIENTE')",
      {
        timeout: 20_000,
      },
    );
    expect(browser.refused).toEqual([]);
    await page.close();
  });
});

describe('CORS from pages of other origins', () => {
  const resultOf = async (origin: string) => {
    const page = await browser.newPage();
    await page.goto(origin);
    await page.waitForFunction('document.body.dataset.result', { timeout: 20_000 });
    const result = await page.evaluate('document.body.dataset.result');
    await page.close();
    return result;
  };

  it('lets a page of a listed origin read the graph', async () => {
    expect(await resultOf(listedOrigin)).toBe('CENTRO,LADERA,NORTE,ORIENTE,SURORIENTE');
  });

  it('keeps the answer from a page of any other origin', async () => {
    expect(await resultOf(otherOrigin)).toBe('refused');
  });
});
