// The JavaScript a phone downloads before the public home is interactive, gzip-compressed, in
// Debian's Chromium; the baseline in the same run is the console's sign-in page, which may load
// more (lazily). Budget for the public home: 250 KB.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, PHONE } from '../e2e/support/browser.ts';
import { startServer } from '../e2e/support/server.ts';

const BUDGET = 250 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'shouhu-js-'));
const server = await startServer({ env: { DATA_DIR: dir, DATABASE_URL: '' }, label: 'pglite', remove: async () => {} });
const browser = await launchBrowser();

async function measure(path: string, ready: string) {
  const page = await browser.newPage({ viewport: PHONE });
  const sizes = new Map<string, number>();
  page.on('response', async (res) => {
    if (res.request().resourceType() !== 'script') return;
    const body = await res.body().catch(() => undefined);
    if (body) sizes.set(res.url(), gzipSync(body, { level: 9 }).length);
  });
  await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
  await page.getByText(ready).first().waitFor();
  await page.close();
  return { files: sizes.size, gzipBytes: [...sizes.values()].reduce((a, b) => a + b, 0) };
}

const home = await measure('/', '中国银行上海市分行');
const console_ = await measure('/console', '工作人员登录');
await browser.close();
await server.stop();
rmSync(dir, { recursive: true, force: true });

const result = {
  benchmark: 'JavaScript loaded before the page is interactive (gzip)',
  date: new Date().toISOString(),
  publicHome: { ...home, kb: Number((home.gzipBytes / 1024).toFixed(1)) },
  consoleSignIn: { ...console_, kb: Number((console_.gzipBytes / 1024).toFixed(1)) },
  budgetKb: BUDGET / 1024,
  publicHomeShareOfBudget: Number((home.gzipBytes / BUDGET).toFixed(2)),
  ratioConsoleToPublic: Number((console_.gzipBytes / home.gzipBytes).toFixed(2)),
  withinBudget: home.gzipBytes <= BUDGET,
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/public-js.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
if (!result.withinBudget) process.exitCode = 1;
