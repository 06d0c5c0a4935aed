/**
 * Harness for the browser tests: the real app (`scripts/start.ts` → wrangler dev) on a free
 * port with a fresh local database, and Debian's Chromium driven by playwright-core.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTOTP } from '@oslojs/otp';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '../../scripts/ports.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const chromiumPath = '/usr/bin/chromium';
const startTimeoutMs = 90_000;

export type ApiCall = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;
export type App = {
  url: string;
  /** JSON calls to /api/v1 as the demo administrator (signs in on first use, or uses `useSession`). */
  api: ApiCall;
  /** Let `api` use a session cookie (`session=…`) the browser already has, instead of signing in itself. */
  useSession: (cookie: string) => void;
  /** A fresh TOTP code of the demo administrator: one the app has not seen used yet. */
  totpCode: () => Promise<string>;
  stop: () => Promise<void>;
};

/** The demo accounts (schema/demo/data.ts): one password for all, the administrator with TOTP. */
export const demo = {
  password: 'samverkan-demo-2026',
  admin: 'admin@demo.test',
  adminName: 'Anna Administratör (IT-chefsgruppen)',
  finance: 'ekonomi@demo.test',
  viewer: 'lasare@demo.test',
  editor: (code: string) => `redaktor.${code}@demo.test`,
  /** RFC 6238's test key, which the demo administrator has enrolled. */
  totpKey: new TextEncoder().encode('12345678901234567890'),
} as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The app accepts a TOTP code once per 30-second step (replay protection), so every login of
 * the administrator in one app waits for a step not used before; and not in the last seconds
 * of a step, so the code is still current when the form arrives.
 */
function totpCodes() {
  let lastStep = -1;
  return async () => {
    for (;;) {
      const now = Date.now();
      const step = Math.floor(now / 30_000);
      if (step > lastStep && now % 30_000 < 25_000) {
        lastStep = step;
        return generateTOTP(demo.totpKey, 30, 6);
      }
      await sleep(30_000 - (now % 30_000) + 250);
    }
  };
}


const alive = (pid: number) => {
  try { process.kill(pid, 0); return true; } catch { return false; }
};

/** Start the app and wait until its front page answers 200. */
export async function startApp(): Promise<App> {
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), 'samverkan-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  // Detached: the child leads its own process group, so wrangler and workerd die with it.
  const child: ChildProcess = spawn(process.execPath,
    [join(root, 'scripts/start.ts'), '--port', String(port), '--ip', '127.0.0.1', '--persist-to', state], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    });
  let output = '';
  const collect = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let exited: string | undefined;
  const exit = new Promise<void>((done) => child.on('exit', (code, signal) => { exited = `code ${code}, signal ${signal}`; done(); }));
  // Last resort if the test process dies without calling stop().
  const orphanGuard = () => { if (alive(-child.pid!)) process.kill(-child.pid!, 'SIGKILL'); };
  process.once('exit', orphanGuard);

  const stop = async () => {
    const group = -child.pid!;
    if (alive(group)) process.kill(group, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (alive(group) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(group)) process.kill(group, 'SIGKILL');
    await exit;
    process.off('exit', orphanGuard);
    rmSync(state, { recursive: true, force: true });
  };

  const deadline = Date.now() + startTimeoutMs;
  while (true) {
    const status = await fetch(`${url}/logga-in`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.status, () => 0);
    if (status === 200) break;
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`The app did not answer 200 on ${url}/logga-in ${exited ? `(it exited: ${exited})` : `within ${startTimeoutMs / 1000} s`}. Its output:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const totpCode = totpCodes();
  let cookie: string | undefined;
  const signedInApi: ApiCall = async (method, path, body) => {
    cookie ??= await apiLogin(url, demo.admin, demo.password, await totpCode());
    return api(url, cookie, method, path, body);
  };
  return { url, api: signedInApi, useSession: (c) => { cookie = c; }, totpCode, stop };
}

/** A JSON call to /api/v1 with a session cookie; changing calls carry this site's Origin, as a browser's would. */
async function api(base: string, cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { cookie };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (!['GET', 'HEAD'].includes(method)) headers.origin = base;
  const response = await fetch(`${base}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** `POST /api/v1/auth/login`; returns the `session=…` cookie. */
export async function apiLogin(base: string, email: string, password: string, code?: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password, code }),
  });
  if (response.status !== 200) throw new Error(`API login of ${email} failed: ${response.status} ${await response.text()}`);
  const line = response.headers.getSetCookie().find((l) => /^(__Host-)?session=./.test(l));
  if (!line) throw new Error(`API login of ${email} set no session cookie: ${JSON.stringify(response.headers.getSetCookie())}`);
  return line.split(';')[0]!;
}

/** Debian's Chromium; a missing browser is a failure, never a skip. */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is missing at ${chromiumPath}. Install it with: apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
