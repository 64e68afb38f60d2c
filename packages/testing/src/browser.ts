import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * Debian's chromium (no npm package may download a browser at install time). `CHROMIUM_PATH`
 * chooses another; when none is found and the tests run as root on Debian, the package is
 * installed here, once; otherwise the message says how.
 */
export function findOrInstallChromium(): string {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) return chosen;
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall)
    throw new Error(
      'The browser tests need Chromium: apt-get install chromium (Debian/Ubuntu), or set CHROMIUM_PATH.',
    );
  const apt = (...args: string[]) =>
    execFileSync('apt-get', args, {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    apt('install', '-y', '--no-install-recommends', 'chromium');
  } catch {
    apt('update');
    apt('install', '-y', '--no-install-recommends', 'chromium');
  }
  const installed = CANDIDATES.find((path) => existsSync(path));
  if (!installed) throw new Error('apt-get installed chromium but no executable was found.');
  return installed;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface LoopbackBrowser {
  browser: Browser;
  /** A new page whose requests may reach loopback only; others fail and are listed in `refused`. */
  newPage(): Promise<Page>;
  refused: string[];
  close(): Promise<void>;
}

/** Headless Chromium that cannot reach anything beyond this machine (what "works offline" means). */
export async function launchLoopbackBrowser(): Promise<LoopbackBrowser> {
  const browser = await puppeteer.launch({
    executablePath: findOrInstallChromium(),
    headless: true,
    // As root (CI) Chromium's sandbox refuses to start; the pages are our own.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const refused: string[] = [];
  return {
    browser,
    refused,
    async newPage() {
      const page = await browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.protocol === 'data:' || url.protocol === 'about:' || LOOPBACK.has(url.hostname))
          return void request.continue();
        refused.push(request.url());
        void request.abort('blockedbyclient');
      });
      return page;
    },
    close: () => browser.close(),
  };
}
