import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { callApi, type Headers, signInByApi } from '../support/api.ts';
import { createStorage, type RunningServer, type Storage, startServer } from '../support/server.ts';

// Two server processes on one PostgreSQL, as a city runs them behind a load balancer. The
// embedded database belongs to one process, so this runs only on PostgreSQL (CI runs it there).
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
// A Redis database of its own, emptied first: counts of an earlier run (the same address) would otherwise still stand.
const REDIS_URL = process.env.TEST_REDIS_URL ?? `redis://127.0.0.1:6379/${(process.pid % 14) + 1}`;

async function verifyCitizen(server: RunningServer, mobile: string): Promise<Headers> {
  await fetch(`${server.url}/api/v1/public/sms-codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mobile }),
  });
  let code: string | undefined;
  for (let i = 0; i < 50 && !code; i++) {
    const outbox = (await (await fetch(`${server.url}/api/v1/dev/outbox`)).json()) as { items: { recipient: string; body: string }[] };
    code = /(\d{6})/.exec(outbox.items.find((m) => m.recipient === mobile)?.body ?? '')?.[1];
    if (!code) await new Promise((r) => setTimeout(r, 100));
  }
  const res = await fetch(`${server.url}/api/v1/public/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mobile, code }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const cookie = (res.headers.getSetCookie().find((c) => c.startsWith('shouhu_session=')) ?? '').split(';')[0] as string;
  return { cookie, 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** Asks until the answer satisfies `ok` (cross-process changes arrive by LISTEN/NOTIFY), by default for at most two seconds. */
async function eventually<T>(ask: () => Promise<T>, ok: (value: T) => boolean, what: string, withinMs = 2000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await ask();
    if (ok(value)) return value;
    if (Date.now() - started > withinMs)
      throw new Error(`${what}: not seen within ${withinMs} ms; last answer ${JSON.stringify(value).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('two server processes on one PostgreSQL', { skip: onPostgres ? false : 'PostgreSQL only (set TEST_DATABASE_URL)' }, () => {
  let storage: Storage;
  let a: RunningServer;
  let b: RunningServer;
  before(async () => {
    const redis = new Redis(REDIS_URL);
    await redis.flushdb();
    await redis.quit();
    storage = await createStorage();
    const env = { REDIS_URL, AUTH_RATE_LIMIT_MAX: '200' };
    // The first migrates and seeds; the second finds it done.
    a = await startServer(storage, env);
    b = await startServer(storage, env);
  });
  after(async () => {
    await a?.stop();
    await b?.stop();
    await storage?.remove();
  });

  it("answers a branch changed through one process in the other's finder at once", async () => {
    const staff = await signInByApi(a, 'boc.staff');
    const weekly = { days: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ open: '00:00', close: '23:59' }]])) };
    const created = await callApi(a, '/api/v1/branches', staff, 'POST', {
      code: 'TWOPROC',
      nameZh: '双进程测试支行',
      address: '崇明区城桥镇某路1号',
      streetCode: '310151101',
      lat: 31.62,
      lng: 121.4,
      services: ['cash'],
      weeklyHours: weekly,
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const near = '/api/v1/public/branches/nearest?lat=31.6201&lng=121.4001&radius=1&limit=5';
    await eventually(
      () => callApi(b, near),
      (r) => r.json.items.some((i: { nameZh: string }) => i.nameZh === '双进程测试支行'),
      'the new branch in the other process',
    );
    const adjusted = await callApi(a, `/api/v1/branches/${created.json.id}/adjustments`, staff, 'POST', {
      from: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
      to: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10),
      closed: true,
      reason: 'lockdown_zone',
    });
    assert.equal(adjusted.status, 201, JSON.stringify(adjusted.json));
    await eventually(
      () => callApi(b, near),
      (r) => !r.json.items.some((i: { nameZh: string }) => i.nameZh === '双进程测试支行'),
      'the closure in the other process',
    );
  });

  it("shows a customer queued through one the place an agent's step on the other changed", async () => {
    const orgs = (await callApi(a, '/api/v1/organizations?kind=bank')).json.items as { id: string; code: string }[];
    const boc = orgs.find((o) => o.code === 'boc-sh')?.id as string;
    const first = await verifyCitizen(a, '13600001001');
    const second = await verifyCitizen(a, '13600001002');
    assert.equal(
      (await callApi(a, '/api/v1/public/video-queue', first, 'POST', { orgId: boc, service: 'account_opening', mobile: '13600001001' }))
        .status,
      201,
    );
    const joined = await callApi(a, '/api/v1/public/video-queue', second, 'POST', {
      orgId: boc,
      service: 'account_opening',
      mobile: '13600001002',
    });
    assert.equal(joined.status, 201, JSON.stringify(joined.json));
    const before = joined.json.position as number;
    const agent = await signInByApi(b, 'boc.staff');
    const taken = await callApi(b, '/api/v1/video-queue/next', agent, 'POST', { service: 'account_opening' });
    assert.equal(taken.status, 200, JSON.stringify(taken.json));
    await eventually(
      () => callApi(a, '/api/v1/public/video-sessions', second),
      (r) => r.json.items.find((p: { id: string }) => p.id === joined.json.id)?.position === before - 1,
      'the place moved up in the first process',
    );
  });

  it('runs a job enqueued through one process exactly once, whichever process claims it', async () => {
    const staff = await signInByApi(a, 'boc.staff');
    const rows = ['网点编号,网点名称,地址,街道代码,纬度,经度,业务,营业时间'];
    for (let i = 0; i < 40; i++) rows.push(`JOB${i},作业测试网点${i},某路${i}号,310101002,31.23,121.48,cash,1-5 09:00-17:00`);
    const res = await fetch(`${a.url}/api/v1/branches/import`, {
      method: 'POST',
      headers: { ...staff, 'content-type': 'text/csv' },
      body: rows.join('\r\n'),
    });
    assert.equal(res.status, 202, await res.clone().text());
    const { jobId } = (await res.json()) as { jobId: string };
    const job = await eventually(
      () => callApi(b, `/api/v1/jobs/${jobId}`, staff),
      (r) => r.status === 200 && ['completed', 'dead'].includes(r.json.state),
      'the import job done',
      // A job waits for a worker's next poll, then parses the file: more than a notification's hop.
      15_000,
    );
    assert.equal(job.json.state, 'completed', JSON.stringify(job.json));
    assert.equal(job.json.attempts, 1);
    const branches = (await callApi(b, '/api/v1/branches', staff)).json.items as { code: string }[];
    assert.equal(branches.filter((br) => br.code.startsWith('JOB')).length, 40);
  });

  it('holds a rate limit across both processes through Redis', async () => {
    // Sign-in allows AUTH_RATE_LIMIT_MAX attempts a minute per address: 200 here, shared by both.
    let refused = 0;
    for (let i = 0; i < 110; i++) {
      for (const server of [a, b]) {
        const res = await fetch(`${server.url}/api/v1/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: `nobody${i}`, password: 'wrong-password-123' }),
        });
        if (res.status === 429) refused++;
      }
    }
    // 220 attempts against one shared limit of 200 (minus the sign-ins above): some were refused,
    // which two separate counts of 200 each would never do.
    assert.ok(refused >= 20, `refused ${refused} of 220`);
  });
});
