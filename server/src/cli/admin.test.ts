import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';

const BIN = fileURLToPath(new URL('../../bin/shouhu.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'shouhu-cli-'));
const shouhu = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
  });

// The operator's commands, run as commands against an embedded database in a temporary folder.
describe('shouhu org, audit, keys and outbox commands', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds, lists and registers organisations, refusing a bad credit code', () => {
    expect(shouhu('seed').status).toBe(0);
    const list = shouhu('org', 'list');
    expect(list.stdout).toContain('boc-sh');
    expect(list.stdout).toContain('中国银行上海市分行');
    const bad = shouhu(
      'org',
      'add',
      '--code',
      'new-bank',
      '--kind',
      'bank',
      '--name-zh',
      '新银行',
      '--name-en',
      'New Bank',
      '--uscc',
      '91310110666007217X',
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('checksum');
    const ok = shouhu(
      'org',
      'add',
      '--code',
      'new-bank',
      '--kind',
      'bank',
      '--name-zh',
      '新银行',
      '--name-en',
      'New Bank',
      '--uscc',
      '91310110666007217T',
      '--parent',
      'sba',
    );
    expect(ok.status, ok.stderr).toBe(0);
    expect(shouhu('org', 'list').stdout).toContain('91310110666007217T');
    expect(shouhu('org', 'add', '--code', 'x').status).toBe(2);
  });

  it('verifies the audit trail, and exits 1 naming the event when it was tampered with', async () => {
    const ok = shouhu('audit', 'verify');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Audit trail intact: [1-9]\d* events checked/);
    const database = await openDatabase({ dataDir });
    await database.db.transaction().execute(async (trx) => {
      await sql`alter table audit_events disable trigger audit_events_append_only`.execute(trx);
      await sql`update audit_events set action = 'organization.forged' where seq = 1`.execute(trx);
      await sql`alter table audit_events enable trigger audit_events_append_only`.execute(trx);
    });
    await database.close();
    const broken = shouhu('audit', 'verify');
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/modified: chain \d+, event 1 was changed/);
  });

  it('rotates keys: a new key in the key file, every field re-encrypted, the platform still reads them', async () => {
    const before = JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8'));
    const rotate = shouhu('keys', 'rotate');
    expect(rotate.status, rotate.stderr).toBe(0);
    expect(rotate.stdout).toContain('Active key: k2');
    const after = JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8'));
    expect(Object.keys(after.keys)).toEqual([...Object.keys(before.keys), 'k2']);
    const database = await openDatabase({ dataDir });
    const rows = await database.db.selectFrom('users').select('nameEnc').execute();
    await database.close();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.nameEnc.startsWith('v1.k2.'))).toBe(true);
    expect(shouhu('keys', 'rotate', '--resume').stdout).toContain('"users":0');
  });

  it('shows the development outbox', () => {
    const out = shouhu('outbox');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('The outbox is empty.');
  });
});
