import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

describe('a command run where there is no database', () => {
  it('refuses, naming the folder and how to point it at the platform’s, and creates nothing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'shouhu-cli-empty-'));
    try {
      for (const args of [['org', 'list'], ['outbox'], ['audit', 'verify']]) {
        const run = spawnSync(process.execPath, [BIN, ...args], {
          encoding: 'utf8',
          env: { ...process.env, DATA_DIR: empty, DATABASE_URL: '', LOG_LEVEL: 'silent' },
        });
        expect(run.status, args.join(' ')).toBe(2);
        expect(run.stderr).toContain(`No database at ${join(empty, 'pglite')}`);
        expect(run.stderr).toContain('DATA_DIR');
      }
      expect(existsSync(join(empty, 'pglite'))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

// The operator's commands, run as commands against an embedded database in a temporary folder.
describe('shouhu org, audit, keys and outbox commands', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds, lists and registers organisations, refusing a bad credit code', () => {
    const seeded = shouhu('seed');
    expect(seeded.status, seeded.stderr).toBe(0);
    // Setting a database up says so; every command names the database it works on.
    expect(seeded.stderr).toContain(`Database: creating a new embedded PGlite in ${join(dataDir, 'pglite')}`);
    const list = shouhu('org', 'list');
    expect(list.stderr).toContain(`Database: embedded PGlite in ${join(dataDir, 'pglite')}`);
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
