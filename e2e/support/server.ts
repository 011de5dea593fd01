import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { createScratchDatabase } from '../../server/src/test/database.ts';
import { launchBrowser } from './browser.ts';

const BIN = fileURLToPath(new URL('../../server/bin/shouhu.js', import.meta.url));

/**
 * Where a test server keeps its data: a fresh embedded database in a temporary folder, or, when
 * TEST_DATABASE_URL is set, a fresh database on that PostgreSQL server. `remove` deletes it.
 */
export interface Storage {
  env: Record<string, string>;
  label: 'pglite' | 'postgres';
  remove(): Promise<void>;
}

export async function createStorage(): Promise<Storage> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'shouhu-e2e-'));
    return { env: { DATA_DIR: dir, DATABASE_URL: '' }, label: 'pglite', remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const scratch = await createScratchDatabase(adminUrl, 'shouhu_e2e');
  // Demo data, demo sign-ins and the outbox are off by default on PostgreSQL: the tests ask for them.
  return {
    env: { DATABASE_URL: scratch.url, SEED_DEMO: 'true', DEMO_SKIP_MFA: 'true', DEV_OUTBOX: 'true' },
    label: 'postgres',
    remove: scratch.drop,
  };
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the real platform (`shouhu serve`) on a free port with the given storage; `bin`: another
 * checkout's `shouhu.js` (the benchmarks compare two versions side by side).
 */
export async function startServer(storage: Storage, env: Record<string, string> = {}, bin = BIN): Promise<RunningServer> {
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...storage.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c) => {
    out += c;
  });
  child.stderr?.on('data', (c) => {
    out += c;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${out}`)), 30_000);
    const check = () => {
      const m = /running at (http:\/\/localhost:\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    process: child,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}

/**
 * A fresh server (on its own database) and a browser for the tests of one `describe`, started
 * before them and stopped after; read `server` and `browser` from the returned object inside tests.
 */
export function useServerAndBrowser(env: Record<string, string> = {}): { server: RunningServer; browser: Browser } {
  const ctx = {} as { storage: Storage; server: RunningServer; browser: Browser };
  before(async () => {
    ctx.storage = await createStorage();
    ctx.server = await startServer(ctx.storage, env);
    ctx.browser = await launchBrowser();
  });
  // What the server said (warnings and errors only) is the first thing to read when a test fails.
  afterEach((t) => {
    if (!t.passed && ctx.server) console.error(`--- server output for "${t.name}":\n${ctx.server.output().slice(-8000)}`);
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
    await ctx.storage?.remove();
  });
  return ctx;
}
