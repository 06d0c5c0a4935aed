/**
 * Signing in through the real login form, as a person would: e-mail and password, then the
 * two-factor code where the account has one (the demo administrator).
 */
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { demo, launchBrowser, startApp, type App } from './app.ts';

/** Run `action` (a click) and wait for the navigation it starts; the final document's response. */
export async function navigation(page: Page, action: () => Promise<unknown>): Promise<Response | null> {
  // waitForNavigation is deprecated in favour of waitForURL, but a failed login stays on the same URL.
  const navigated = page.waitForNavigation();
  await action();
  return navigated;
}

/** Fill in and send the password step of /logga-in (the page must be showing it). */
export async function submitPassword(page: Page, email: string, password: string = demo.password) {
  await page.getByLabel('E-postadress', { exact: true }).fill(email);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  return navigation(page, () => page.getByRole('button', { name: 'Logga in' }).click());
}

/** Fill in and send the code step of /logga-in/kod. */
export async function submitCode(page: Page, code: string) {
  await page.getByLabel('Kod', { exact: true }).fill(code);
  return navigation(page, () => page.getByRole('button', { name: 'Fortsätt' }).click());
}

/**
 * Sign in on the login page and end on `next`. Throws with what the page said when it does
 * not get there, so a failing login is reported as such.
 */
export async function logIn(page: Page, app: App, email: string, next = '/') {
  await page.goto(`${app.url}/logga-in?till=${encodeURIComponent(next)}`);
  let response = await submitPassword(page, email);
  if (new URL(page.url()).pathname === '/logga-in/kod') response = await submitCode(page, await app.totpCode());
  const at = new URL(page.url());
  if (at.pathname + at.search !== next) {
    const said = await page.locator('main').innerText().catch(() => '');
    throw new Error(`Login of ${email} ended on ${page.url()} (${response?.status()}), not ${next}:\n${said}`);
  }
  return response;
}

/** A browser context signed in as this account. */
export async function signedInContext(browser: Browser, app: App, email: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'sv-SE', ...options });
  const page = await context.newPage();
  await logIn(page, app, email);
  await page.close();
  return context;
}

/** The `session=…` cookie of a signed-in context, for `app.useSession`. */
export async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === 'session' || c.name === '__Host-session');
  if (!cookie) throw new Error('the context has no session cookie');
  return `${cookie.name}=${cookie.value}`;
}

/**
 * One app and one browser signed in as the demo administrator for a test file: started
 * before its tests, stopped after them. Read the fields inside tests, not at import time.
 */
export function adminSession() {
  const state = {} as { app: App; browser: Browser; admin: BrowserContext };
  beforeAll(async () => {
    state.app = await startApp();
    state.browser = await launchBrowser();
    state.admin = await signedInContext(state.browser, state.app, demo.admin);
    state.app.useSession(await sessionCookie(state.admin));
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.app?.stop();
  });
  return state;
}
