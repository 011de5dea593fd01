import { randomUUID } from 'node:crypto';
import { todayInShanghai } from '@shouhu/common';
import { expectReach } from '@shouhu/common/access.expected';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema.ts';
import { DEMO_USERS } from '../../modules/users/demo.ts';
import { createTestApp, findOrgId, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { insertBranch, insertHomeVisit } from '../../test/fixtures.ts';
import { hashToken } from '../auth/tokens.ts';
import { enqueueJob } from '../jobs/service.ts';
import { encryptField } from '../pii/crypto.ts';
import type { Action } from './policy.ts';

// The access matrix: every API route, as every role, as an API token and as nobody, on the
// caller's own organisation's records and on another's. Expected outcomes come from the table of
// reach written by hand (common/src/access.expected.ts), never from the policy under test; a new
// route is tested as soon as it exists, and a route without an access rule fails here.

const ROLES_TO_TRY: { username: string | null; role: Role | null }[] = [
  { username: null, role: null },
  // One partner stands for all (the demo has a dozen; each is the same role).
  ...DEMO_USERS.filter((u) => u.username !== 'pingan.admin' && (u.role !== 'partner' || u.username === 'partner')).map((u) => ({
    username: u.username,
    role: u.role,
  })),
];

// Valid bodies for routes whose tenant check runs after validation (an invalid body would stop earlier).
const BRANCH_BODY = {
  code: 'M1',
  nameZh: '矩阵测试网点',
  address: '测试路2号',
  streetCode: '310101002',
  lat: 31.23,
  lng: 121.48,
  services: ['cash'],
  weeklyHours: { days: { 1: [{ open: '09:00', close: '17:00' }] } },
};
const TODAY = todayInShanghai();
const REPORT_FORM = {
  title: '矩阵报表',
  period: 'daily',
  dueAfterHours: 24,
  fields: [{ key: 'served', label: '办结数', type: 'count', required: true }],
  rules: [],
};
const REPORT_BODY = { values: { served: 1 }, preparer: '矩阵', responsible: '矩阵' };
const INCIDENT_REPORT = {
  title: '访问矩阵',
  level: 'general',
  category: 'other',
  occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
  place: '矩阵',
  cause: '核对',
  impact: '核对',
  branchesAffected: 0,
  customersAffected: 0,
  amountFen: 0,
  measuresTaken: '核对',
  measuresPlanned: '',
  signingOfficer: '矩阵',
  contactName: '矩阵',
  contactPhone: '021-12345678',
};
const BODIES: Record<string, unknown> = {
  'POST /api/v1/incidents/:id/reports': { kind: 'follow_up', report: INCIDENT_REPORT },
  'PUT /api/v1/report-forms/:id/reports/:period': REPORT_BODY,
  'POST /api/v1/report-forms/:id/reopenings': { orgId: randomUUID(), period: TODAY, hours: 1, reason: '访问矩阵核对' },
  'POST /api/v1/reports/:id/review': { decision: 'accept' },
  'PUT /api/v1/bulletins/:id': { title: '访问矩阵', sections: [{ key: 'volunteers', heading: '四、志愿服务', text: '核对' }] },
  'PUT /api/v1/grids/:id': { name: '矩阵网格', committeeCodes: ['310101002001'] },
  'PUT /api/v1/branches/:id': BRANCH_BODY,
  'POST /api/v1/branches/:id/adjustments': { from: '2030-01-01', to: '2030-01-01', closed: true, reason: 'other' },
  'PATCH /api/v1/users/:id': { disabled: false },
  'POST /api/v1/home-visits/:id/identity-check': { residentId: '11010519491231002X', name: '测试', documents: ['resident_id_card'] },
  'POST /api/v1/home-visits/:id/schedule': { userId: '00000000-0000-4000-8000-000000000000', at: '2030-01-01T02:00:00.000Z' },
  'POST /api/v1/home-visits/:id/outcome': { outcome: 'unreachable' },
  'POST /api/v1/video-sessions/:id/identity-check': { residentId: '11010519491231002X', name: '测试', livenessPassed: true },
  'POST /api/v1/video-sessions/:id/outcome': { outcome: 'no_show' },
  'PATCH /api/v1/organizations/:id': { nameEn: 'Renamed for the access test' },
  'POST /api/v1/home-visits/:id/contact': { reason: '访问矩阵核对' },
  'PUT /api/v1/branches/:id/adjustments/:adjustmentId': {
    from: '2030-02-01',
    to: '2030-02-01',
    closed: true,
    reason: 'other',
    changeReason: '访问矩阵核对',
  },
  'POST /api/v1/branches/:id/adjustments/:adjustmentId/withdrawal': { reason: '访问矩阵核对' },
  'PUT /api/v1/channels/:id': {
    kind: 'app',
    name: '矩阵',
    address: 'https://bank.example',
    services: ['cash'],
    changeReason: '访问矩阵核对',
  },
  'POST /api/v1/channels/:id/withdrawal': { reason: '访问矩阵核对' },
  'PUT /api/v1/zones/:id': {
    name: '矩阵小区',
    streetCode: '310101002',
    lat: 31.23,
    lng: 121.48,
    level: 'sealed',
    from: '2030-01-01',
    changeReason: '访问矩阵核对',
  },
  'POST /api/v1/zones/:id/withdrawal': { reason: '访问矩阵核对' },
  'POST /api/v1/staff/:id/removal': { reason: '访问矩阵核对' },
  'POST /api/v1/complaints/:id/extension': { reason: '访问矩阵核对' },
  'POST /api/v1/complaints/:id/pause': { reason: 'appraisal', note: '访问矩阵核对' },
  'POST /api/v1/complaints/:id/decision': { verified: '核对', grounds: '核对', remedies: ['review'] },
  'POST /api/v1/video-sessions/:id/contact': { reason: '访问矩阵核对' },
};
// Routes whose record narrows the route's action further (the staff member sent, or the reveal
// permission): within reach they may still refuse; outside it they must.
const NARROWED_BY_RECORD = new Set([
  'POST /api/v1/home-visits/:id/contact',
  'POST /api/v1/video-sessions/:id/contact',
  // A file is seen by whoever may see its record (here a home visit: the bank's own staff).
  'GET /api/v1/attachments/:id',
  // An inbox item is its user's alone, not their whole organisation's.
  'POST /api/v1/inbox/:id/read',
]);

describe(`access matrix (${testDatabaseKind})`, () => {
  let t: TestApp;
  const orgIds: Record<string, string> = {};
  /** Records by kind of :id route, one of the home organisation (boc-sh) and one of another (cib-sh). */
  const records: Record<string, { own: string; other: string; ownOrg: string; otherOrg: string }> = {};
  const adjustmentOf = new Map<string, string>();

  // Sessions are reused (sign-in is rate limited); a sign-out route ends one, so it is dropped then.
  const sessions = new Map<string, Record<string, string>>();
  const headersOf = async (username: string) => {
    if (!sessions.has(username)) sessions.set(username, await signInAs(t.app, username));
    return sessions.get(username) as Record<string, string>;
  };

  beforeAll(async () => {
    // Thousands of requests from one address, refused ones counting too: the rate limit is not what is tested here.
    t = await createTestApp({ RATE_LIMIT_MAX: '100000' });
    for (const u of DEMO_USERS) {
      orgIds[u.username] = await findOrgId(t, u.org);
    }
    const boc = await findOrgId(t, 'boc-sh');
    const cib = await findOrgId(t, 'cib-sh');
    // Target users that nobody signs in as: resetting or disabling them ends no session the test uses.
    const targetIn = async (orgId: string, username: string) => {
      const id = randomUUID();
      await t.database.db
        .insertInto('users')
        .values({
          id,
          orgId,
          username,
          role: 'institution_staff',
          nameEnc: encryptField(t.keys, '测试'),
          mobileEnc: null,
          mobileHash: null,
          passwordHash: 'x',
        })
        .execute();
      return id;
    };
    records['/api/v1/users/'] = {
      own: await targetIn(boc, 'boc.target'),
      other: await targetIn(cib, 'cib.target'),
      ownOrg: boc,
      otherOrg: cib,
    };
    records['/api/v1/jobs/'] = {
      own: (await enqueueJob(t.database.db, 'test.matrix', { orgId: boc })) as string,
      other: (await enqueueJob(t.database.db, 'test.matrix', { orgId: cib })) as string,
      ownOrg: boc,
      otherOrg: cib,
    };
    records['/api/v1/organizations/'] = { own: boc, other: cib, ownOrg: boc, otherOrg: cib };
    const endpointOf = async (orgId: string) => {
      const id = randomUUID();
      await t.database.db
        .insertInto('webhookEndpoints')
        .values({ id, orgId, url: 'http://127.0.0.1:9/hook', secretEnc: encryptField(t.keys, 'whsec_test') })
        .execute();
      return id;
    };
    const branchOf = (orgId: string) => insertBranch(t, orgId, randomUUID().slice(0, 8));
    records['/api/v1/branches/'] = { own: await branchOf(boc), other: await branchOf(cib), ownOrg: boc, otherOrg: cib };
    const staffOf = async (orgId: string, branchId: string) => {
      const id = randomUUID();
      await t.database.db
        .insertInto('staff')
        .values({
          id,
          orgId,
          branchId,
          userId: null,
          nameEnc: encryptField(t.keys, '矩阵'),
          phoneEnc: encryptField(t.keys, '13900000000'),
          homeEnc: encryptField(t.keys, JSON.stringify({ streetCode: '310101002' })),
          compoundEnc: encryptField(t.keys, '矩阵小区'),
          homeStreetHash: 'x',
          homeCompoundHash: 'x',
          posts: '["teller"]',
        })
        .execute();
      return id;
    };
    const branches = records['/api/v1/branches/'];
    records['/api/v1/staff/'] = {
      own: await staffOf(boc, branches.own),
      other: await staffOf(cib, branches.other),
      ownOrg: boc,
      otherOrg: cib,
    };
    const planOf = async (orgId: string, branchId: string) => {
      const id = randomUUID();
      await t.database.db
        .insertInto('staffingPlans')
        .values({
          id,
          orgId,
          branchId,
          version: 1,
          minimums: '{"teller":1}',
          fallback: '{"kind":"closed","publicNote":"请至就近网点办理"}',
          draftedBy: null,
          draftedAt: new Date(),
        })
        .execute();
      return id;
    };
    const complaintOf = async (orgId: string) => {
      const id = randomUUID();
      await t.database.db
        .insertInto('complaints')
        .values({
          id,
          reference: `CP-20300101-${id.slice(0, 6).replace(/\D/g, '0')}`,
          orgId,
          channel: 'phone',
          status: 'handling',
          nameEnc: encryptField(t.keys, '矩阵'),
          mobileEnc: encryptField(t.keys, '13900000000'),
          mobileHash: 'x',
          claimEnc: encryptField(t.keys, '核对'),
          factsEnc: encryptField(t.keys, '核对'),
          clock: JSON.stringify([{ type: 'start', at: new Date().toISOString() }]),
          receivedAt: new Date(),
        })
        .execute();
      return id;
    };
    records['/api/v1/complaints/'] = { own: await complaintOf(boc), other: await complaintOf(cib), ownOrg: boc, otherOrg: cib };
    records['/api/v1/staffing-plans/'] = {
      own: await planOf(boc, branches.own),
      other: await planOf(cib, branches.other),
      ownOrg: boc,
      otherOrg: cib,
    };
    BODIES['PUT /api/v1/staff/:id'] = {
      name: '矩阵',
      branchId: branches.own,
      posts: ['teller'],
      phone: '13900000000',
      home: { streetCode: '310101002', compound: '矩阵小区' },
      changeReason: '访问矩阵核对',
    };
    // Routes below a branch name one of its adjustments too.
    for (const branchId of [records['/api/v1/branches/'].own, records['/api/v1/branches/'].other]) {
      const id = randomUUID();
      const orgId = branchId === records['/api/v1/branches/'].own ? boc : cib;
      await t.database.db
        .insertInto('branchAdjustments')
        .values({ id, branchId, orgId, fromDate: '2030-01-01', toDate: '2030-01-01', closed: true, reason: 'other' })
        .execute();
      adjustmentOf.set(branchId, id);
    }
    const channelOf = async (orgId: string) => {
      const id = randomUUID();
      await t.database.db
        .insertInto('onlineChannels')
        .values({ id, orgId, kind: 'app', name: '矩阵', address: 'https://bank.example', services: '["cash"]' })
        .execute();
      return id;
    };
    records['/api/v1/channels/'] = { own: await channelOf(boc), other: await channelOf(cib), ownOrg: boc, otherOrg: cib };
    // Zones belong to no institution: the regulator reaches all, no one else any.
    const zoneOf = async () => {
      const id = randomUUID();
      await t.database.db
        .insertInto('lockdownZones')
        .values({
          id,
          name: '矩阵小区',
          districtCode: '310101',
          streetCode: '310101002',
          lat: 31.23,
          lng: 121.48,
          level: 'sealed',
          fromDate: '2030-01-01',
        })
        .execute();
      return id;
    };
    records['/api/v1/zones/'] = { own: await zoneOf(), other: await zoneOf(), ownOrg: boc, otherOrg: cib };
    records['/api/v1/webhooks/'] = { own: await endpointOf(boc), other: await endpointOf(cib), ownOrg: boc, otherOrg: cib };
    const homeVisitOf = (orgId: string) => insertHomeVisit(t, { orgId });
    records['/api/v1/home-visits/'] = { own: await homeVisitOf(boc), other: await homeVisitOf(cib), ownOrg: boc, otherOrg: cib };
    const videoSessionOf = async (orgId: string, mobileHash: string) => {
      const id = randomUUID();
      await t.database.db
        .insertInto('videoSessions')
        .values({
          id,
          reference: `VS-20300101-${id.slice(0, 6).replace(/\D/g, '0')}`,
          orgId,
          service: 'cash',
          mobileEnc: encryptField(t.keys, '13800000000'),
          mobileHash,
          status: 'waiting',
          joinedAt: new Date(),
        })
        .execute();
      return id;
    };
    const own = await videoSessionOf(boc, 'own');
    const other = await videoSessionOf(cib, 'other');
    records['/api/v1/video-sessions/'] = { own, other, ownOrg: boc, otherOrg: cib };
    records['/api/v1/public/video-sessions/'] = { own, other, ownOrg: boc, otherOrg: cib };
    // A directive with its daily form to one bank each; each bank's report for today.
    const regulatorHeaders = await headersOf('regulator');
    const directiveTo = async (orgId: string, n: number) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/directives',
        headers: regulatorHeaders,
        payload: {
          documentNumber: `矩阵〔2030〕${n}号`,
          title: '访问矩阵',
          body: '访问矩阵核对',
          urgency: 'normal',
          addressees: { orgIds: [orgId] },
          acknowledgeWithinHours: 24,
          actions: [],
          form: { ...REPORT_FORM, startsOn: TODAY, endsOn: TODAY },
        },
      });
      if (res.statusCode !== 201) throw new Error(res.body);
      return res.json() as { id: string; form: { id: string } };
    };
    const [ownDirective, otherDirective] = [await directiveTo(boc, 1), await directiveTo(cib, 2)];
    records['/api/v1/directives/'] = { own: ownDirective.id, other: otherDirective.id, ownOrg: boc, otherOrg: cib };
    records['/api/v1/report-forms/'] = { own: ownDirective.form.id, other: otherDirective.form.id, ownOrg: boc, otherOrg: cib };
    const reportOf = async (username: string, formId: string) => {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/report-forms/${formId}/reports/${TODAY}`,
        headers: await headersOf(username),
        payload: REPORT_BODY,
      });
      if (res.statusCode !== 200) throw new Error(res.body);
      return (res.json() as { id: string }).id;
    };
    records['/api/v1/reports/'] = {
      own: await reportOf('boc.admin', ownDirective.form.id),
      other: await reportOf('cib.admin', otherDirective.form.id),
      ownOrg: boc,
      otherOrg: cib,
    };
    // Bulletins belong to no institution: the regulator's alone.
    const bulletinOf = async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bulletins',
        headers: regulatorHeaders,
        payload: { from: TODAY, to: TODAY },
      });
      return (res.json() as { id: string }).id;
    };
    records['/api/v1/bulletins/'] = { own: await bulletinOf(), other: await bulletinOf(), ownOrg: boc, otherOrg: cib };
    const incidentOf = async (username: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/incidents',
        headers: await headersOf(username),
        payload: { learnedAt: INCIDENT_REPORT.occurredAt, report: INCIDENT_REPORT },
      });
      if (res.statusCode !== 201) throw new Error(res.body);
      return (res.json() as { id: string }).id;
    };
    records['/api/v1/incidents/'] = {
      own: await incidentOf('boc.admin'),
      other: await incidentOf('cib.admin'),
      ownOrg: boc,
      otherOrg: cib,
    };
    const attachmentOf = async (orgId: string, recordId: string) => {
      const id = randomUUID();
      await t.database.db
        .insertInto('attachments')
        .values({
          id,
          orgId,
          recordType: 'home_visit',
          recordId,
          kind: 'identity_check',
          fileName: 'm.png',
          mediaType: 'image/png',
          size: 1,
          sha256: 'x',
          content: Buffer.from('x'),
        })
        .execute();
      return id;
    };
    records['/api/v1/attachments/'] = {
      own: await attachmentOf(boc, records['/api/v1/home-visits/'].own),
      other: await attachmentOf(cib, records['/api/v1/home-visits/'].other),
      ownOrg: boc,
      otherOrg: cib,
    };
    const inboxItemOf = async (username: string) => {
      const id = randomUUID();
      const user = await t.database.db
        .selectFrom('users')
        .select(['id', 'orgId'])
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      await t.database.db
        .insertInto('inboxItems')
        .values({ id, userId: user.id, orgId: user.orgId, kind: 'account.welcome', titleZh: '矩阵', titleEn: 'matrix', path: '/console' })
        .execute();
      return id;
    };
    const gridOf = async (orgId: string) => {
      const id = randomUUID();
      await t.database.db.insertInto('grids').values({ id, orgId, name: '矩阵', committeeCodes: '["310101002001"]' }).execute();
      return id;
    };
    records['/api/v1/grids/'] = { own: await gridOf(boc), other: await gridOf(cib), ownOrg: boc, otherOrg: cib };
    records['/api/v1/inbox/'] = { own: await inboxItemOf('boc.admin'), other: await inboxItemOf('cib.admin'), ownOrg: boc, otherOrg: cib };
    // API tokens and webhooks are made per request below, as the DELETE routes revoke them.
  });
  afterAll(() => t.close());

  it('every API route names its access rule', () => {
    const api = t.app.routeTable.filter((r) => r.url.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(15);
    expect(api.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('lets through exactly the roles the policy allows, on every route', async () => {
    const failures: string[] = [];
    for (const route of t.app.routeTable.filter((r) => r.url.startsWith('/api/') && r.access !== 'public')) {
      for (const who of ROLES_TO_TRY) {
        const headers = who.username ? await headersOf(who.username) : {};
        const url = route.url.replace(':id', randomUUID());
        const res = await t.app.inject({
          method: route.method as 'GET',
          url,
          headers,
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
        if (route.url.includes('/sign-out') && who.username) sessions.delete(who.username);
        const allowed = who.role !== null && expectReach(who.role, route.access as Action) !== 'none';
        const denied = res.statusCode === 401 || res.statusCode === 403;
        if (allowed === denied)
          failures.push(`${route.method} ${route.url} as ${who.username ?? 'nobody'}: ${res.statusCode} ${res.json().error?.code ?? ''}`);
        if (!who.username && res.statusCode !== 401)
          failures.push(`${route.method} ${route.url} as nobody: ${res.statusCode}, expected 401`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets an API token (made by an institution admin) through exactly the routes whose action it holds, when tokens may take it', async () => {
    const orgId = await findOrgId(t, 'boc-sh');
    const failures: string[] = [];
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/') && r.access !== 'public' && !r.url.includes(':id'));
    for (const action of new Set(routes.map((r) => r.access as Action))) {
      const token = `shk_matrix_${randomUUID()}`;
      await t.database.db
        .insertInto('apiTokens')
        .values({
          id: randomUUID(),
          orgId,
          name: 'matrix',
          tokenHash: hashToken(token),
          scopes: JSON.stringify([action]),
          expiresAt: new Date(Date.now() + 86_400_000),
          role: 'institution_admin',
        })
        .execute();
      for (const route of routes.filter((r) => r.access === action)) {
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: route.url,
          headers: { authorization: `Bearer ${token}` },
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
        const allowed = expectReach('institution_admin', action, true) !== 'none';
        const denied = res.statusCode === 401 || res.statusCode === 403;
        if (allowed === denied) failures.push(`${route.method} ${route.url} with a token holding ${action}: ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('never lets a role reach another organisation’s records', async () => {
    const failures: string[] = [];
    const idRoutes = t.app.routeTable.filter((r) => r.url.startsWith('/api/') && r.url.includes(':id') && r.access !== 'public');
    for (const route of idRoutes) {
      const prefix = Object.keys(records).find((p) => route.url.startsWith(p));
      if (!prefix && !route.url.startsWith('/api/v1/api-tokens/')) {
        failures.push(`${route.method} ${route.url}: no fixture; add one to this test`);
        continue;
      }
      for (const who of ROLES_TO_TRY.filter((w) => w.username)) {
        const username = who.username as string;
        const role = who.role as Role;
        for (const side of ['own', 'other'] as const) {
          let id: string;
          let orgId: string;
          if (route.url.startsWith('/api/v1/api-tokens/')) {
            // A token of the home organisation or of another, made directly.
            orgId =
              side === 'own'
                ? (orgIds[username] as string)
                : orgIds[username] === orgIds['cib.admin']
                  ? (orgIds['boc.admin'] as string)
                  : (orgIds['cib.admin'] as string);
            id = randomUUID();
            await t.database.db
              .insertInto('apiTokens')
              .values({
                id,
                orgId,
                name: 'matrix',
                tokenHash: randomUUID(),
                scopes: '["job.read"]',
                expiresAt: new Date(Date.now() + 86_400_000),
                role,
              })
              .execute();
          } else if (route.url.startsWith('/api/v1/webhooks/')) {
            const fixture = records['/api/v1/webhooks/'] as (typeof records)[string];
            orgId = side === 'own' ? fixture.ownOrg : fixture.otherOrg;
            id = randomUUID();
            await t.database.db
              .insertInto('webhookEndpoints')
              .values({ id, orgId, url: 'http://127.0.0.1:9/hook', secretEnc: encryptField(t.keys, 'whsec_test') })
              .execute();
          } else {
            const fixture = records[prefix as string] as (typeof records)[string];
            id = side === 'own' ? fixture.own : fixture.other;
            orgId = side === 'own' ? fixture.ownOrg : fixture.otherOrg;
          }
          const headers = await headersOf(username);
          const body = BODIES[`${route.method} ${route.url}`];
          const res = await t.app.inject({
            method: route.method as 'GET',
            url: route.url
              .replace(':id', id)
              .replace(':adjustmentId', adjustmentOf.get(id) ?? randomUUID())
              .replace(':period', TODAY),
            headers,
            ...(body ? { payload: body } : {}),
          });
          const reach = expectReach(role, route.access as Action);
          const allowed = reach === 'all' || (reach === 'own' && orgId === orgIds[username]);
          const denied = [401, 403, 404].includes(res.statusCode);
          if (allowed ? denied && !NARROWED_BY_RECORD.has(`${route.method} ${route.url}`) : !denied)
            failures.push(
              `${route.method} ${route.url} as ${username} on ${side} record: ${res.statusCode} (policy says ${allowed ? 'allow' : 'deny'})`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
