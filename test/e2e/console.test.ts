import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.js';
import { launchBrowser, type Browser } from './support/browser.js';

// Chromium logs its own line for every 4xx a fetch receives; these are the refusals this walk
// provokes on purpose and shows to the user (the overdraft, a transfer the read model has not
// projected yet, the state before the account existed, an erasure refused while money is held).
// Any other console error fails the test.
const expectedRefusal = /^Failed to load resource: the server responded with a status of (404|409)/;
const provokedBy = (url: string): boolean =>
  /\/withdrawals$|\/transfers\/[0-9a-f-]{36}$|\/state\?at=2000-|\/me\/personal-data$/.test(url);

// playwright-core has no web-first assertions: poll the page until it shows the expected value.
const wait = { timeout: 15_000, interval: 100 };
const textOf = (locator: Locator) => expect.poll(() => locator.innerText(), wait);
const countOf = (locator: Locator) => expect.poll(() => locator.count(), wait);

describe('the console in a real browser', () => {
  let runtime: LocalRuntime;
  let dataDir: string;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ledger-console-'));
    runtime = await startLocalRuntime({ dataDir, inMemory: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser.close();
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('walks open, deposit, withdraw, overdraft, timeline, time travel, transfer and erasure', async () => {
    const { page } = browser;
    page.setDefaultTimeout(5_000);
    const balance = page.getByTestId('balance');
    const alert = page.getByTestId('error');
    await page.goto(`${runtime.url}/`);
    await page.getByLabel('User id').fill('console-walker');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByLabel('Holder name').fill('Ada Lovelace');
    await page.getByLabel('Opening amount').fill('100.00');
    await page.getByRole('button', { name: 'Open account' }).click();
    await textOf(balance).toBe('100.00 EUR');
    const accountId = await page.getByTestId('account-id').innerText();

    await page.getByLabel('Deposit amount').fill('50.00');
    await page.getByRole('button', { name: 'Deposit', exact: true }).click();
    await textOf(balance).toBe('150.00 EUR');
    await page.getByLabel('Withdraw amount').fill('20.00');
    await page.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await textOf(balance).toBe('130.00 EUR');

    await page.getByLabel('Withdraw amount').fill('500.00');
    await page.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await textOf(alert).toBe(
      'Refused: insufficient funds. The balance is 130.00; 500.00 was requested.',
    );
    await textOf(balance).toBe('130.00 EUR');

    const timeline = page.locator('table.timeline tbody tr');
    await countOf(timeline).toBe(3);
    await expect
      .poll(() => timeline.locator('td:nth-child(2)').allInnerTexts(), wait)
      .toEqual(['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn']);
    const chart = page.getByRole('img', { name: /Balance over versions/ });
    await expect
      .poll(() => chart.getAttribute('aria-label'), wait)
      .toBe('Balance over versions: 100.00 at version 1, 150.00 at version 2, 130.00 at version 3');

    const state = page.locator('output.state');
    await page.getByRole('slider', { name: 'Version' }).fill('2');
    await textOf(state).toContain('Version 2');
    await textOf(state).toContain('balance 150.00 EUR');
    await page.getByLabel('Date and time').fill('2000-01-01T00:00:00');
    await page.getByRole('button', { name: 'Show the state at that time' }).click();
    await textOf(state).toContain('did not exist at that time');
    await page.getByLabel('Date and time').fill('2099-01-01T00:00:00');
    await page.getByRole('button', { name: 'Show the state at that time' }).click();
    await textOf(state).toContain('Version 3');
    if (process.env['CONSOLE_SCREENSHOT'] !== undefined) {
      await page.getByRole('slider', { name: 'Version' }).fill('2');
      await textOf(state).toContain('balance 150.00 EUR');
      await page.screenshot({ path: process.env['CONSOLE_SCREENSHOT'], fullPage: true });
    }

    await page.goto(`${runtime.url}/#/`);
    await page.getByLabel('Holder name').fill('Grace Hopper');
    await page.getByRole('button', { name: 'Open account' }).click();
    await textOf(balance).toBe('0.00 EUR');
    const targetId = await page.getByTestId('account-id').innerText();
    await page.goto(`${runtime.url}/#/accounts/${accountId}`);
    await page.getByLabel('To account id').fill(targetId);
    await page.getByLabel('Transfer amount').fill('30.00');
    await page.getByRole('button', { name: 'Transfer', exact: true }).click();
    await textOf(balance).toBe('100.00 EUR');
    await textOf(page.locator('[data-transfer]')).toContain('completed');

    await page.getByRole('button', { name: 'Erase my personal data…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase my personal data?' });
    await textOf(dialog).toContain('This cannot be undone.');
    await dialog.getByRole('button', { name: 'Erase my personal data now' }).click();
    const receipt = page.getByTestId('receipt');
    await receipt
      .or(alert.filter({ hasText: 'Refused' }))
      .first()
      .waitFor();
    if (await alert.isVisible()) {
      // Erasure is refused while money is held: the refusal is shown, then both accounts are emptied.
      await textOf(alert).toContain('Refused:');
      for (const [id, amount] of [
        [accountId, '100.00'],
        [targetId, '30.00'],
      ] as const) {
        await page.goto(`${runtime.url}/#/accounts/${id}`);
        await page.getByLabel('Withdraw amount').fill(amount);
        await page.getByRole('button', { name: 'Withdraw', exact: true }).click();
        await textOf(balance).toBe('0.00 EUR');
      }
      await page.getByRole('button', { name: 'Erase my personal data…' }).click();
      await dialog.getByRole('button', { name: 'Erase my personal data now' }).click();
    }
    await textOf(receipt).toContain('completed');
    await textOf(receipt).toContain('Accounts\n2');
    await page.getByRole('link', { name: 'Back to my accounts' }).click();
    await countOf(page.getByRole('link', { name: 'Name erased' })).toBe(2);
    await page.goto(`${runtime.url}/#/accounts/${accountId}`);
    await textOf(page.getByTestId('holder')).toBe('Name erased');
    await textOf(page.locator('table.timeline tbody tr').first()).toContain('holderName: erased');
    await countOf(page.getByText('Ada Lovelace')).toBe(0);

    const unexpected = browser.errors.filter(
      (message) => !(expectedRefusal.test(message.text()) && provokedBy(message.location().url)),
    );
    expect(unexpected.map((m) => `${m.text()} (${m.location().url})`)).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  }, 90_000);
});
