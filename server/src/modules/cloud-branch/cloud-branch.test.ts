import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createTestApp, findOrgId, signInAs, type TestApp, verifyCitizen } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { roomUrl } from './service.ts';

describe(`the cloud branch's video queue (${testDatabaseKind})`, () => {
  let t: TestApp;
  let url: string;
  let bocId: string;
  let agentA: Record<string, string>;
  let agentB: Record<string, string>;
  const customers: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    t = await createTestApp({
      DEV_OUTBOX: 'true',
      AUTH_RATE_LIMIT_MAX: '1000',
      VIDEO_ROOM_URL_TEMPLATE: 'https://video.bank.example/shouhu-{room}',
    });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    bocId = await findOrgId(t, 'boc-sh');
    agentA = await signInAs(t.app, 'boc.staff');
    agentB = await signInAs(t.app, 'boc.admin');
    for (const mobile of ['13600000001', '13600000002', '13600000003', '13600000004', '13600000005']) {
      customers[mobile] = await verifyCitizen(t.app, mobile);
    }
  });
  afterAll(async () => {
    // The test's own HTTP client keeps its sockets open; a browser would close them itself.
    t.app.server.closeAllConnections();
    await t.close();
  });

  const join = (mobile: string, extra: object = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/public/video-queue',
      headers: customers[mobile],
      payload: { orgId: bocId, service: 'account_opening', mobile, ...extra },
    });
  const post = (path: string, headers: Record<string, string>, payload?: object) =>
    t.app.inject({ method: 'POST', url: path, headers, ...(payload ? { payload } : {}) });

  /** Follows a place over server-sent events, as the browser's EventSource does. */
  async function follow(mobile: string, id: string) {
    const controller = new AbortController();
    const res = await fetch(`${url}/api/v1/public/video-sessions/${id}/events`, {
      headers: { cookie: customers[mobile]?.cookie as string },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const places: { status: string; position: number | null; roomUrl: string | null }[] = [];
    let buffer = '';
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += new TextDecoder().decode(value);
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          if (data) places.push(JSON.parse(data));
          buffer = buffer.slice(end + 2);
        }
      }
    })();
    const waitFor = async (ok: (p: (typeof places)[number]) => boolean) => {
      for (let i = 0; i < 100; i++) {
        const p = places.find(ok);
        if (p) return p;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no such event; got ${JSON.stringify(places)}`);
    };
    const close = () => {
      controller.abort();
      return pump;
    };
    return { places, waitFor, close };
  }

  it('queues two customers, refuses a second place, and moves the second up live when an agent takes the first', async () => {
    const first = await join('13600000001');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'waiting', position: 1, waitMinutes: 0, institution: '中国银行上海市分行' });
    const second = (await join('13600000002')).json();
    expect(second).toMatchObject({ position: 2, waitMinutes: 6 });
    expect((await join('13600000002')).json().error.code).toBe('video.already_in_queue');
    expect((await join('13600000003', { mobile: '13600000002' })).json().error.code).toBe('video.mobile_mismatch');
    // Cash does not pass through a screen.
    expect((await join('13600000003', { service: 'cash' })).json().error).toMatchObject({
      code: 'video.service_not_offered',
      details: { field: 'service' },
    });
    expect((await join('13600000003', { slotAt: '2020-01-01T02:00:00.000Z' })).json().error).toMatchObject({
      code: 'video.slot_invalid',
      details: { field: 'slotAt' },
    });

    const firstStream = await follow('13600000001', first.json().id);
    const secondStream = await follow('13600000002', second.id);
    await secondStream.waitFor((p) => p.position === 2);
    // Another customer cannot follow someone else's place.
    expect(
      (
        await fetch(`${url}/api/v1/public/video-sessions/${second.id}/events`, {
          headers: { cookie: customers['13600000003']?.cookie as string },
        })
      ).status,
    ).toBe(404);

    const taken = await post('/api/v1/video-queue/next', agentA, { service: 'account_opening' });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ id: first.json().id, status: 'serving', mobile: '136****0001' });
    expect(taken.json().roomUrl).toMatch(/^https:\/\/video\.bank\.example\/shouhu-[\w-]{24}$/);
    // The first sees the room link; the second moves up to first place, live.
    const serving = await firstStream.waitFor((p) => p.status === 'serving');
    expect(serving.roomUrl).toBe(taken.json().roomUrl);
    await secondStream.waitFor((p) => p.position === 1);
    expect((await post(`/api/v1/video-sessions/${first.json().id}/take`, agentB)).json().error.code).toBe('video.already_taken');
    await firstStream.close();
    await secondStream.close();
  });

  it('gives the one waiting customer to exactly one of two agents asking at once', async () => {
    const [a, b] = await Promise.all([
      post('/api/v1/video-queue/next', agentA, { service: 'account_opening' }),
      post('/api/v1/video-queue/next', agentB, { service: 'account_opening' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 404]);
    expect([a, b].find((r) => r.statusCode === 404)?.json().error.code).toBe('video.queue_empty');
  });

  it('checks identity on video against the customer record and liveness before closing as served', async () => {
    const queue = (await t.app.inject({ url: '/api/v1/video-queue', headers: agentA })).json().items as { id: string; status: string }[];
    const session = queue.find((s) => s.status === 'serving') as { id: string };
    expect((await post('/api/v1/customer-records', agentA, { residentId: '11010519491231002X', name: '张伟' })).statusCode).toBe(204);
    expect((await post(`/api/v1/video-sessions/${session.id}/outcome`, agentA, { outcome: 'served' })).json().error.code).toBe(
      'video.identity_required',
    );
    const wrongName = await post(`/api/v1/video-sessions/${session.id}/identity-check`, agentA, {
      residentId: '11010519491231002X',
      name: '张卫',
      livenessPassed: true,
    });
    expect(wrongName.json()).toMatchObject({ nameMatched: false, livenessPassed: true, residentId: '110105********002X' });
    expect((await post(`/api/v1/video-sessions/${session.id}/outcome`, agentA, { outcome: 'served' })).json().error.code).toBe(
      'video.identity_required',
    );
    const bad = await post(`/api/v1/video-sessions/${session.id}/identity-check`, agentA, {
      residentId: '110105194912310021',
      name: '张伟',
      livenessPassed: true,
    });
    expect(bad.json().error.details.fields[0]).toMatchObject({ field: 'body.residentId', reason: 'checksum' });
    await post(`/api/v1/video-sessions/${session.id}/identity-check`, agentA, {
      residentId: '11010519491231002X',
      name: '张伟',
      livenessPassed: true,
    });
    const closed = await post(`/api/v1/video-sessions/${session.id}/outcome`, agentA, { outcome: 'served', note: '已开立账户' });
    expect(closed.json()).toMatchObject({ status: 'served', nameMatched: true, outcomeNote: '已开立账户' });
    // Another institution's agent sees nothing of it.
    const cib = await signInAs(t.app, 'cib.admin');
    expect((await t.app.inject({ url: '/api/v1/video-queue', headers: cib })).json().items).toEqual([]);
    expect((await post(`/api/v1/video-sessions/${session.id}/take`, cib)).statusCode).toBe(404);
  });

  it('keeps every place across a restart, and a customer comes back to the same place', async () => {
    await join('13600000003');
    const before = (await t.app.inject({ url: '/api/v1/public/video-sessions', headers: customers['13600000003'] })).json().items;
    expect(before).toHaveLength(1);
    // A new server process on the same database: positions come from the database.
    const restarted = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database: t.database, keys: t.keys });
    await restarted.ready();
    try {
      const after = (await restarted.inject({ url: '/api/v1/public/video-sessions', headers: customers['13600000003'] })).json().items;
      expect(after).toEqual(before);
      expect(after[0]).toMatchObject({ status: 'waiting', position: 1 });
    } finally {
      await restarted.close();
    }
    const left = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/public/video-sessions/${before[0].id}`,
      headers: customers['13600000003'],
    });
    expect(left.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/public/video-sessions', headers: customers['13600000003'] })).json().items).toEqual([]);
  });

  it('books a later half-hour slot, which joins the line when it comes', async () => {
    const slot = new Date(Math.ceil((Date.now() + 3_600_000) / 1_800_000) * 1_800_000).toISOString();
    const booked = await join('13600000003', { slotAt: slot });
    expect(booked.json()).toMatchObject({ status: 'booked', slotAt: slot, position: null });
    await t.database.db
      .updateTable('videoSessions')
      .set({ slotAt: new Date(Date.now() - 1000) })
      .where('id', '=', booked.json().id)
      .execute();
    const { promoteBookingsJob } = await import('./routes.ts');
    await promoteBookingsJob({ db: t.database.db } as never);
    const places = async () =>
      (await t.app.inject({ url: '/api/v1/public/video-sessions', headers: customers['13600000003'] })).json().items;
    for (let i = 0; i < 50 && (await places())[0]?.status !== 'waiting'; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await places())[0]).toMatchObject({ status: 'waiting', position: 1 });
  });

  it('ends a customer’s event stream when their verified session ends, and then treats the old cookie as nobody’s', async () => {
    const customer = customers['13600000004'] as Record<string, string>;
    const place = await join('13600000004');
    expect(place.statusCode, place.body).toBe(201);
    const res = await fetch(`${url}/api/v1/public/video-sessions/${place.json().id}/events`, {
      headers: { cookie: customer.cookie as string },
    });
    const text = (async () => {
      let all = '';
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return all;
        all += new TextDecoder().decode(value);
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    const signedOut = await post('/api/v1/auth/sign-out', customer);
    expect(signedOut.statusCode, signedOut.body).toBe(204);
    // The stream ends by itself within moments (not at the next heartbeat, nor never).
    const ended = await Promise.race([text, new Promise<string>((r) => setTimeout(() => r('still open'), 5000))]);
    expect(ended).toContain('event: end');
    // The stale cookie is cleared and the public pages still answer.
    const again = await t.app.inject({ url: '/api/v1/zones', headers: { cookie: customer.cookie as string } });
    expect(again.statusCode).toBe(200);
    expect(again.cookies.find((c) => c.name === 'shouhu_session')?.value).toBe('');
    const own = await t.app.inject({ url: '/api/v1/public/video-sessions', headers: customer });
    expect(own.statusCode).toBe(401);
    expect(own.json().error.code).toBe('auth.session_expired');
  });

  it('shows every queue with its count, lets a missed tick be corrected, and tells a customer not served what to do', async () => {
    const loan = await join('13600000005', { service: 'loans' });
    expect(loan.statusCode, loan.body).toBe(201);
    // No service named: the whole line of the institution, every service.
    const queue = (await t.app.inject({ url: '/api/v1/video-queue', headers: agentA })).json().items as { service: string }[];
    expect(new Set(queue.map((s) => s.service))).toEqual(new Set(['account_opening', 'loans']));
    // And the next customer of all the queues is whoever waited longest (the account opening).
    const next = await post('/api/v1/video-queue/next', agentA, {});
    expect(next.json()).toMatchObject({ service: 'account_opening', nextSteps: ['check_identity', 'close'] });
    const taken = await post(`/api/v1/video-sessions/${loan.json().id}/take`, agentA);
    expect(taken.json()).toMatchObject({ status: 'serving', roomUrl: expect.stringContaining('video.bank.example') });

    // The liveness tick was missed: corrected before the outcome, then served.
    const id = loan.json().id as string;
    const identity = { residentId: '11010519491231002X', name: '张伟' };
    expect(
      (await post(`/api/v1/video-sessions/${id}/identity-check`, agentA, { ...identity, livenessPassed: false })).json(),
    ).toMatchObject({
      livenessPassed: false,
    });
    expect((await post(`/api/v1/video-sessions/${id}/outcome`, agentA, { outcome: 'served' })).json().error.code).toBe(
      'video.identity_required',
    );
    expect((await post(`/api/v1/video-sessions/${id}/identity-check`, agentA, { ...identity, livenessPassed: true })).json()).toMatchObject(
      {
        livenessPassed: true,
      },
    );
    expect((await post(`/api/v1/video-sessions/${id}/outcome`, agentA, { outcome: 'served' })).json().status).toBe('served');
    const timeline = (await t.app.inject({ url: `/api/v1/video-sessions/${id}/timeline`, headers: agentB })).json().items;
    expect(timeline.map((e: { action: string }) => e.action)).toEqual([
      'video.joined',
      'video.taken',
      'video.identity_checked',
      'video.identity_checked',
      'video.closed',
    ]);
    expect(timeline[2].details).toMatchObject({ livenessPassed: false, residentId: '110105********002X' });

    // The agent calls the customer when there is no room (one click, audited); a colleague needs the reveal permission.
    const other = next.json().id as string;
    expect((await post(`/api/v1/video-sessions/${other}/contact`, agentA, {})).json().mobile).toMatch(/^1360000000\d$/);
    expect((await post(`/api/v1/video-sessions/${other}/contact`, agentB, {})).json().error.code).toBe('pii.reason_required');
    // Not served: the customer is told by SMS what they can do next.
    expect((await post(`/api/v1/video-sessions/${other}/outcome`, agentA, { outcome: 'not_served' })).json().status).toBe('not_served');
    const sms = (await t.app.inject('/api/v1/dev/outbox')).json().items as { body: string }[];
    expect(sms.some((m) => m.body.includes(next.json().reference) && m.body.includes('上门服务'))).toBe(true);
    // No meeting service unless one is configured: then there is no room link, and the agent calls.
    expect(loadConfig({}).VIDEO_ROOM_URL_TEMPLATE).toBeUndefined();
    expect(roomUrl(undefined, 'room', 'agent')).toBeNull();
  });
});
