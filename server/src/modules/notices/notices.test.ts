import { applyNoticeChanges, compareNoticeEntries, diffNoticeEntries, type NoticeEntry } from '@shouhu/common';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';

const WEEKDAYS = { 1: [{ open: '09:00', close: '17:00' }] };

describe(`the association's notice (${testDatabaseKind})`, () => {
  let t: TestApp;
  let association: Record<string, string>;
  let reviewer: Record<string, string>;
  let boc: Record<string, string>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    association = await signInAs(t.app, 'association');
    reviewer = await signInAs(t.app, 'association.reviewer');
    boc = await signInAs(t.app, 'boc.staff');
    for (const code of ['N1', 'N2', 'N3']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/branches',
        headers: boc,
        payload: {
          code,
          nameZh: `通告网点${code}`,
          address: '某路1号',
          streetCode: '310101002',
          lat: 31.23,
          lng: 121.48,
          services: ['cash'],
          weeklyHours: { days: WEEKDAYS },
        },
      });
      ids[code] = res.json().id;
    }
    const adjust = (code: string, payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1/branches/${ids[code]}/adjustments`, headers: boc, payload });
    await adjust('N1', { from: '2022-04-01', to: '2022-04-30', closed: true, reason: 'lockdown_zone', publicNote: '封控' });
    await adjust('N2', {
      from: '2022-04-01',
      to: '2022-04-10',
      closed: false,
      hours: [{ open: '10:00', close: '15:00' }],
      reason: 'staffing',
    });
    await adjust('N2', {
      from: '2022-04-11',
      to: '2022-04-30',
      closed: false,
      hours: [{ open: '10:00', close: '14:00' }],
      reason: 'staffing',
    });
    await adjust('N3', { from: '2022-04-01', to: '2022-04-05', closed: true, reason: 'protection_measures' });
  });
  afterAll(() => t.close());

  it('compiles a draft from member banks’ adjustments, publishes numbered versions, and says what changed', async () => {
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notices/draft',
      headers: association,
      payload: { asOf: '2022-04-03' },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json()).toMatchObject({ status: 'draft', version: null, asOf: '2022-04-03' });
    expect(
      draft.json().entries.map((e: { branchName: string; closed: boolean; hours: string | null }) => [e.branchName, e.closed, e.hours]),
    ).toEqual([
      ['通告网点N1', true, null],
      ['通告网点N2', false, '10:00-15:00'],
      ['通告网点N3', true, null],
    ]);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/notices/draft', headers: boc, payload: { asOf: '2022-04-03' } })).statusCode,
    ).toBe(403);
    // Drafted by one, reviewed and published by another of the association, under a document number.
    const publish = (headers: Record<string, string>, payload: object = { documentNumber: '沪银协〔2022〕12号', signedOn: '2022-04-03' }) =>
      t.app.inject({ method: 'POST', url: '/api/v1/notices/draft/publish', headers, payload });
    expect((await publish(association)).json().error.code).toBe('notice.same_person');
    // The draft waits on the reviewer's desk, not on its compiler's.
    const deskOf = async (headers: Record<string, string>) =>
      ((await t.app.inject({ url: '/api/v1/desk', headers })).json().items as { key: string; count: number }[]).find(
        (i) => i.key === 'notices.review',
      )?.count;
    expect(await deskOf(reviewer)).toBe(1);
    expect(await deskOf(association)).toBe(0);
    expect(
      (await publish(reviewer, {}))
        .json()
        .error.details.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['body.documentNumber', 'body.signedOn']);
    const v1 = await publish(reviewer);
    expect(v1.json()).toMatchObject({
      status: 'published',
      version: 1,
      documentNumber: '沪银协〔2022〕12号',
      signedOn: '2022-04-03',
      changes: { previousVersion: null },
    });
    expect(v1.json().compiledBy).not.toBe(v1.json().publishedBy);
    expect((await publish(reviewer)).json().error.code).toBe('notice.no_draft');

    await t.app.inject({ method: 'POST', url: '/api/v1/notices/draft', headers: association, payload: { asOf: '2022-04-12' } });
    const v2 = (await publish(reviewer, { documentNumber: '沪银协〔2022〕13号', signedOn: '2022-04-12' })).json();
    expect(v2.version).toBe(2);
    expect(v2.changes).toMatchObject({
      added: [],
      changed: [expect.objectContaining({ branchId: ids.N2, hours: '10:00-14:00' })],
      closed: [],
      reopened: [ids.N3],
      withdrawn: [],
      hoursChanged: [ids.N2],
      previousVersion: 1,
    });
    // The change list is complete: applied to version 1 it gives version 2.
    expect(applyNoticeChanges(v1.json().entries, v2.changes)).toEqual(v2.entries);

    // Published versions never change, even in the database.
    await expect(sql`update notices set as_of = '2022-01-01' where version = 1`.execute(t.database.db)).rejects.toThrow(/immutable/);

    const list = (await t.app.inject('/api/v1/public/notices')).json().items;
    expect(list.map((n: { version: number }) => n.version)).toEqual([2, 1]);
    const publicV1 = await t.app.inject(`/api/v1/public/notices/${v1.json().id}`);
    expect(publicV1.json().entries).toHaveLength(3);
  });

  it('serves each version as XLSX and an Atom feed, and shows an institution its own listed branches', async () => {
    const [latest] = (await t.app.inject('/api/v1/public/notices')).json().items;
    const xlsx = await t.app.inject(`/api/v1/public/notices/${latest.id}/xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).text).toContain('上海市部分银行营业网点时间调整通告（第2版');
    expect(sheet?.rowCount).toBe(2 + 2);
    const pdf = await t.app.inject(`/api/v1/public/notices/${latest.id}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The Chinese font is embedded (subset), so the PDF reads the same on any machine.
    expect(pdf.rawPayload.toString('latin1')).toMatch(/FontFile2/);
    expect(pdf.rawPayload.toString('latin1')).toMatch(/NotoSansSC/);
    const atom = await t.app.inject('/api/v1/public/notices/feed.atom');
    expect(atom.headers['content-type']).toContain('application/atom+xml');
    expect(atom.body).toContain('<feed');
    expect(atom.body.match(/<entry>/g)).toHaveLength(2);
    const mine = await t.app.inject({ url: `/api/v1/notices/mine?id=${latest.id}`, headers: boc });
    expect(mine.json().items.map((e: { branchName: string }) => e.branchName)).toEqual(['通告网点N1', '通告网点N2']);
    const cib = await t.app.inject({ url: `/api/v1/notices/mine?id=${latest.id}`, headers: await signInAs(t.app, 'cib.admin') });
    expect(cib.json().items).toEqual([]);
  });

  it('lists every change between two versions: applying them to the first gives the second', () => {
    // Entries of a few branches in a few districts, each closed or on some hours for some dates.
    const entry = fc.record({
      branchId: fc.constantFrom('b1', 'b2', 'b3', 'b4', 'b5', 'b6'),
      institution: fc.constantFrom('中国银行', '兴业银行'),
      branchName: fc.constantFrom('一网点', '二网点'),
      address: fc.constant('某路1号'),
      districtCode: fc.constantFrom('310101', '310104'),
      districtName: fc.constant('区'),
      closed: fc.boolean(),
      hours: fc.constantFrom(null, '10:00-15:00', '10:00-14:00'),
      from: fc.constantFrom('2022-04-01', '2022-04-05'),
      to: fc.constantFrom('2022-04-10', '2022-04-30'),
      note: fc.constantFrom(null, '封控'),
    });
    const version = fc
      .uniqueArray(entry, { selector: (e) => e.branchId, maxLength: 6 })
      .map((entries) => entries.map((e) => ({ ...e, hours: e.closed ? null : (e.hours ?? '10:00-15:00') })).sort(compareNoticeEntries));
    fc.assert(
      fc.property(
        version,
        version,
        fc.subarray(['b1', 'b2', 'b3', 'b4', 'b5', 'b6']),
        (previous: NoticeEntry[], current: NoticeEntry[], withdrawn) => {
          const changes = diffNoticeEntries(previous, current, 1, new Set(withdrawn));
          expect(applyNoticeChanges(previous, changes)).toEqual(current);
          // Every branch listed newly closed or on other hours is among those added or changed.
          const touched = new Set([...changes.added, ...changes.changed].map((e) => e.branchId));
          for (const id of [...changes.closed, ...changes.hoursChanged]) expect(touched.has(id)).toBe(true);
          // A branch newly listed with shorter hours is a change of hours, not missed.
          for (const e of changes.added) if (!e.closed) expect(changes.hoursChanged).toContain(e.branchId);
        },
      ),
      { numRuns: 500 },
    );
  });
});
