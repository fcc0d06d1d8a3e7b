/**
 * The real browser for the console tests: Debian's chromium driven by playwright-core (Playwright's
 * own browser download cannot reach its host from these machines). Without it the tests say what
 * to install; under CI (CI=true) that is a failure, elsewhere a skip.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.HYDRANT_CHROMIUM ?? '/usr/bin/chromium';
export const INSTALL_HINT = `No browser at ${CHROMIUM}: install it with \`sudo apt-get install -y chromium\` (or set HYDRANT_CHROMIUM to a Chromium binary)`;

export const browserAvailable = existsSync(CHROMIUM);
export const inCi = ['true', '1'].includes(String(process.env.CI).toLowerCase());

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
