import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

/** Debian's Chromium, as .ci/run installs it. */
export const chromiumPath = '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A headless Chromium with a fresh profile, one page, and every console error it logs. */
export interface Browser {
  readonly page: Page;
  /** Console errors and uncaught page errors, in order, as "text (url)". */
  readonly errors: ConsoleMessage[];
  readonly pageErrors: Error[];
  close(): Promise<void>;
}

export const launchBrowser = async (): Promise<Browser> => {
  // launchPersistentContext passes the fresh directory as --user-data-dir.
  const profile = await mkdtemp(join(tmpdir(), 'ledger-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1100, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: ConsoleMessage[] = [];
  const pageErrors: Error[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      errors.push(message);
    }
  });
  page.on('pageerror', (error) => pageErrors.push(error));
  return {
    page,
    errors,
    pageErrors,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
};
