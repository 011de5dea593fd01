import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENCRYPTED_COLUMNS } from '../../modules/index.ts';
import { createTestApp, findOrgId, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { decryptField, encryptField, hashField, keyIdOf } from './crypto.ts';
import { createMemoryKeyRing, createRandomKey, loadKeyRing } from './keys.ts';
import { rotateKeys } from './rotate.ts';

describe('field encryption', () => {
  it('round-trips with the key id inside, and detects tampering', () => {
    const ring = createMemoryKeyRing();
    const stored = encryptField(ring, '13812345678');
    expect(stored).toMatch(/^v1\.k1\./);
    expect(stored).not.toContain('13812345678');
    expect(encryptField(ring, '13812345678')).not.toBe(stored); // random IV
    expect(decryptField(ring, stored)).toBe('13812345678');
    const bytes = Buffer.from(stored.split('.')[2] as string, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
    expect(() => decryptField(ring, `v1.k1.${bytes.toString('base64')}`)).toThrow();
  });

  it('hashes for exact lookup, per kind', () => {
    const ring = createMemoryKeyRing();
    expect(hashField(ring, 'mobile', '13812345678')).toBe(hashField(ring, 'mobile', '13812345678'));
    expect(hashField(ring, 'mobile', '13812345678')).not.toBe(hashField(ring, 'account', '13812345678'));
    expect(hashField(createMemoryKeyRing(), 'mobile', '13812345678')).not.toBe(hashField(ring, 'mobile', '13812345678'));
  });

  it('generates the embedded key file once, readable by its owner only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shouhu-keys-'));
    const first = loadKeyRing({}, dir);
    expect(first.generated).toBe(true);
    expect(statSync(join(dir, 'keys.json')).mode & 0o777).toBe(0o600);
    const second = loadKeyRing({}, dir);
    expect(second.generated).toBe(false);
    expect(decryptField(second.ring, encryptField(first.ring, '张三'))).toBe('张三');
  });

  it('reads keys from the environment, and refuses malformed ones', () => {
    const k = randomBytes(32).toString('base64');
    const { ring } = loadKeyRing({ PII_KEYS: `a:${k},b:${k}`, PII_ACTIVE_KEY: 'b', PII_HMAC_KEY: k }, '/nonexistent');
    expect(ring.activeKeyId).toBe('b');
    expect(() => loadKeyRing({ PII_KEYS: 'a:short', PII_HMAC_KEY: k }, '/x')).toThrow(/32 bytes/);
    expect(() => loadKeyRing({ PII_KEYS: `a:${k}` }, '/x')).toThrow(/PII_HMAC_KEY/);
  });
});

describe(`personal data in the platform (${testDatabaseKind})`, () => {
  let t: TestApp;
  let bocAdmin: Record<string, string>;
  let userId: string;
  beforeAll(async () => {
    t = await createTestApp();
    bocAdmin = await signInAs(t.app, 'boc.admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bocAdmin,
      payload: {
        orgId: await findOrgId(t, 'boc-sh'),
        username: 'teller.qian',
        role: 'institution_staff',
        name: '钱多多',
        mobile: '+86 139-0000-1234',
        password: 'Counter-service-2022',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    userId = res.json().id;
  });
  afterAll(() => t.close());

  it('stores it encrypted and answers it masked', async () => {
    const row = await t.database.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toMatch(/钱多多|13900001234/);
    expect(row.mobileHash).toBe(hashField(t.keys, 'mobile', '13900001234'));
    const shown = await t.app.inject({ url: `/api/v1/users/${userId}`, headers: bocAdmin });
    expect(shown.json()).toMatchObject({ name: '钱**', mobile: '139****1234' });
    const created = await t.database.db
      .selectFrom('auditEvents')
      .select('summary')
      .where('action', '=', 'user.created')
      .where('recordId', '=', userId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(created.summary)).not.toMatch(/钱多多|13900001234/);
  });

  it('reveals a field only with permission and a reason, and audits the reveal', async () => {
    const reveal = (headers: Record<string, string>, reason = '客户来电核实身份 / caller verification') =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/pii/reveal',
        headers,
        payload: { recordType: 'user', recordId: userId, field: 'mobile', reason },
      });
    expect((await reveal(bocAdmin, ' ')).json().error.code).toBe('pii.reason_required');
    const ok = await reveal(bocAdmin);
    expect(ok.json()).toEqual({ value: '13900001234' });
    const event = await t.database.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'pii.revealed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      recordId: userId,
      actorRole: 'institution_admin',
      summary: { field: 'mobile', reason: '客户来电核实身份 / caller verification' },
    });
    // Another bank's admin and the bank's own staff may not.
    expect((await reveal(await signInAs(t.app, 'cib.admin'))).statusCode).toBe(403);
    expect((await reveal(await signInAs(t.app, 'boc.staff'))).statusCode).toBe(403);
    const unknownField = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pii/reveal',
      headers: bocAdmin,
      payload: { recordType: 'user', recordId: userId, field: 'password', reason: 'curious' },
    });
    expect(unknownField.json().error.code).toBe('pii.field_unknown');
  });

  it('rotates keys: every field re-encrypted, resumable after an interruption, readable throughout', async () => {
    const ring = t.keys;
    ring.keys.set('k2', createRandomKey());
    ring.activeKeyId = 'k2';
    let batches = 0;
    await expect(
      rotateKeys(t.database.db, ring, ENCRYPTED_COLUMNS, {
        batchSize: 2,
        onProgress: () => {
          if (++batches === 2) throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    // Half-way: old and new keys side by side, and the platform still reads every user.
    const list = await t.app.inject({ url: '/api/v1/users', headers: await signInAs(t.app, 'regulator') });
    expect(list.statusCode).toBe(200);
    const counts = await rotateKeys(t.database.db, ring, ENCRYPTED_COLUMNS, { batchSize: 2 });
    expect(counts.users).toBeGreaterThan(0);
    const rows = await t.database.db.selectFrom('users').select(['nameEnc', 'mobileEnc']).execute();
    for (const r of rows) {
      expect(keyIdOf(r.nameEnc)).toBe('k2');
      if (r.mobileEnc) expect(keyIdOf(r.mobileEnc)).toBe('k2');
    }
    expect((await rotateKeys(t.database.db, ring, ENCRYPTED_COLUMNS)).users).toBe(0);
    const shown = await t.app.inject({ url: `/api/v1/users/${userId}`, headers: bocAdmin });
    expect(shown.json().mobile).toBe('139****1234');
  });

  it('never writes personal data, passwords or tokens to the log', async () => {
    const residentId = '360426199101010071';
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'boc.admin', password: 'Shouhu-demo-2022' },
    });
    const token = signIn.cookies.find((c) => c.name === 'shouhu_session')?.value as string;
    const headers = { cookie: `shouhu_session=${token}`, 'x-csrf-token': signIn.json().csrfToken };
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/users?mobile=13711112222&residentId=${residentId}`,
      headers,
      payload: {
        orgId: await findOrgId(t, 'boc-sh'),
        username: 'teller.sun',
        role: 'institution_staff',
        name: '孙小美',
        mobile: '13711112222',
        password: 'Another-strong-one-9',
      },
    });
    await t.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload: { residentId, mobile: '13711112222', name: '孙小美' } });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'boc.admin', password: 'wrong-password-with-13711112222' },
    });
    const log = t.logs.join('\n');
    expect(log.length).toBeGreaterThan(1000);
    for (const secret of [
      residentId,
      '13711112222',
      '孙小美',
      'Shouhu-demo-2022',
      'Another-strong-one-9',
      token,
      signIn.json().csrfToken,
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
