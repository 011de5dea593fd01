import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { migrationNames } from '../db/migrations/index.ts';
import { defineErrors, PLATFORM_ERRORS } from '../errors.ts';
import type { ModuleManifest } from '../platform/module.ts';
import { createTestApp, signInAs } from '../test/app.ts';
import { openTestDatabase, testDatabaseKind } from '../test/database.ts';
import { ENCRYPTED_COLUMNS, MODULES, REVEALABLE } from './index.ts';

// Guards of what each capability declares in its manifest: what the platform loops over must be
// the whole of what exists, or a new column, field or code slips past rotation, reveal or the catalogue.

const ROOT = new URL('../../../', import.meta.url);
/** Every source file of a workspace, with its text. */
function readSources(folder: string): { path: string; text: string }[] {
  const base = new URL(folder, ROOT);
  return (readdirSync(base, { recursive: true }) as string[])
    .filter((f) => /\.tsx?$/.test(f) && !f.includes('node_modules'))
    .map((f) => ({ path: `${folder}${f}`, text: readFileSync(new URL(f, base), 'utf8') }));
}

describe('the module manifests', () => {
  it('find every migration of the folder by name, in order', () => {
    const files = readdirSync(new URL('../db/migrations/', import.meta.url)).filter((f) => f !== 'index.ts');
    expect(migrationNames.map((n) => `${n}.ts`)).toEqual(files.sort());
  });

  it('give every error code thrown a catalogue entry in English and Chinese, each code once', () => {
    const catalogues = [PLATFORM_ERRORS, ...MODULES.map((m) => m.errors ?? {})];
    const codes = catalogues.flatMap((c) => Object.keys(c));
    expect(codes.length).toBe(new Set(codes).size);
    for (const catalogue of catalogues)
      for (const [code, entry] of Object.entries(catalogue)) {
        expect(entry.en.length, code).toBeGreaterThan(3);
        expect(entry.zh, code).toMatch(/[\u4e00-\u9fff]/);
      }
    // Test files may throw codes of their own modules (see the probe below).
    const thrown = readSources('server/src/')
      .filter(({ path }) => !path.endsWith('.test.ts'))
      .flatMap(({ text }) => [...text.matchAll(/(?:new AppError|[a-z]+Error)\(\s*'([a-zA-Z]+\.[a-z_]+)'/g)].map((m) => m[1] as string));
    expect(thrown.length).toBeGreaterThan(50);
    expect(thrown.filter((code) => !codes.includes(code))).toEqual([]);
  });

  it('keep each module to codes of its own prefix', () => {
    const prefixes = MODULES.map((m) => new Set(Object.keys(m.errors ?? {}).map((c) => c.split('.')[0])));
    const owners = new Map<string, number>();
    prefixes.forEach((set, i) => {
      for (const p of set) {
        expect(owners.has(p as string), `prefix ${p} in two modules`).toBe(false);
        owners.set(p as string, i);
      }
    });
  });

  it('register every field the console reveals', () => {
    const asked = readSources('web/src/').flatMap(({ text }) =>
      [...text.matchAll(/recordType="([a-z_]+)"[^>]*?field="([a-z_]+)"/g)].map((m) => ({ type: m[1] as string, field: m[2] as string })),
    );
    expect(asked.length).toBeGreaterThan(0);
    for (const { type, field } of asked) expect(REVEALABLE[type]?.fields, `${type}.${field}`).toContain(field);
  });

  it('keep SQL in repos, each repo to the tables its module owns', () => {
    const owner = new Map<string, string>();
    for (const m of MODULES)
      for (const table of m.tables ?? []) {
        expect(owner.get(table), `${table} owned twice`).toBeUndefined();
        owner.set(table, m.name);
      }
    const wrong: string[] = [];
    for (const { path, text } of readSources('server/src/modules/')) {
      const [, module, file] = path.match(/^server\/src\/modules\/([^/]+)\/(.+)$/) ?? [];
      // Tests and demo seeders write fixtures straight into the tables.
      if (!module || !file || file.endsWith('.test.ts') || file === 'demo.ts') continue;
      for (const [, call, table] of text.matchAll(
        /\b(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin)\(\s*'([a-zA-Z]+)/g,
      )) {
        if (file !== 'repo.ts') wrong.push(`${path}: ${call}('${table}') outside the repo`);
        else if (owner.get(table as string) !== module)
          wrong.push(`${path}: ${table} belongs to ${owner.get(table as string) ?? 'no module'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  describe(`on the migrated database (${testDatabaseKind})`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await openTestDatabase();
    });
    afterAll(() => database?.close());

    it('rotate every encrypted column of every table', async () => {
      const { rows } = await sql<{ table_name: string; column_name: string }>`
        select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and column_name like '%\\_enc'`.execute(database.db.withoutPlugins());
      expect(rows.length).toBeGreaterThan(10);
      const rotated = new Set(ENCRYPTED_COLUMNS.flatMap((t) => t.columns.map((c) => `${t.table}.${c}`)));
      expect(rows.map((r) => `${r.table_name}.${r.column_name}`).filter((c) => !rotated.has(c))).toEqual([]);
    });
  });
});

describe('a capability declares itself', () => {
  // A module written here and nowhere else: listed beside the others, it is served, documented,
  // catalogued and reported, with no other file touched.
  const probeError = defineErrors({ 'probe.missing': { status: 404, en: 'No such probe', zh: '没有这个探针' } });
  const probe: ModuleManifest = {
    name: 'probe',
    tags: [{ name: 'probe', description: 'A capability of this test only' }],
    register: (app) =>
      app.register(async (scope) => {
        scope.get('/api/v1/probes/:id', { config: { access: 'figures.read' }, schema: { tags: ['probe'] } }, async () => {
          throw probeError('probe.missing');
        });
      }),
    errors: probeError.catalogue,
    figures: { keys: ['probes'], count: async (_db, query) => ({ probes: query.orgId === null ? 7 : 1 }) },
  };

  it('serves its routes under the policy, with its error codes, its OpenAPI tag and its figures', async () => {
    const t = await createTestApp({}, { modules: [...MODULES, probe] });
    try {
      expect((await t.app.inject('/api/v1/probes/1')).statusCode).toBe(401);
      const regulator = await signInAs(t.app, 'regulator');
      const res = await t.app.inject({ url: '/api/v1/probes/1', headers: regulator });
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'probe.missing', message: 'No such probe', message_zh: '没有这个探针' });
      // The policy's action decides who: an institution's staff may not read figures.
      expect((await t.app.inject({ url: '/api/v1/probes/1', headers: await signInAs(t.app, 'boc.staff') })).statusCode).toBe(403);
      const spec = (await t.app.inject('/openapi.json')).json();
      expect(spec.tags.map((tag: { name: string }) => tag.name)).toContain('probe');
      expect(Object.keys(spec.paths)).toContain('/api/v1/probes/{id}');
      const figures = (await t.app.inject({ url: '/api/v1/figures', headers: regulator })).json();
      expect(figures.figures.probe).toEqual({ probes: 7 });
    } finally {
      await t.close();
    }
  });
});
