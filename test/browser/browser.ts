import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/system.js';

/** Debian's Chromium (installed by .ci/run); never a downloaded browser. */
export const CHROMIUM = process.env.ALO153_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve('test-artifacts');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) or set ALO153_CHROMIUM`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Console errors and CSP violations of a page: a test fails on any. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** One Chromium for a describe block (mocha before/after); returns a getter for it. */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running');
    return browser;
  };
}

/** A fresh browser context as a wall screen or desk would have it: 1920×1080, Turkish, Istanbul time. */
export async function openScreen(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'tr-TR', timezoneId: 'Europe/Istanbul' });
  return context.newPage();
}

export interface FormLogin {
  /** The page asked for (?next=); absent: the role's home. */
  next?: string;
  /** Where the browser must land (default `next`, else /desk). */
  lands?: string;
  /** The login page's heading, checked before signing in (it names the page being signed into). */
  heading?: string;
  /** Also wait for the landed page's body[data-ready="true"]. */
  ready?: boolean;
}

/** Signs `username` (a user with TEST_PASSWORD) in on the login page as a person would, and waits to land. */
export async function logInWithForm(page: Page, baseUrl: string, username: string, options: FormLogin = {}): Promise<void> {
  await page.goto(`${baseUrl}/login${options.next === undefined ? '' : `?next=${encodeURIComponent(options.next)}`}`);
  if (options.heading !== undefined) expect(await page.textContent('h1')).to.equal(options.heading);
  await page.fill('#username', username);
  await page.fill('#password', TEST_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(`${baseUrl}${options.lands ?? options.next ?? '/desk'}`);
  if (options.ready) await page.waitForSelector('body[data-ready="true"]');
}
