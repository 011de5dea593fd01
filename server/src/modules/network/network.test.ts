import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { seedBranches } from '../branches/demo.ts';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe(`the regulator's view of the branch network (${testDatabaseKind})`, () => {
  let t: TestApp;
  let regulator: Record<string, string>;
  let total: number;
  beforeAll(async () => {
    t = await createTestApp();
    total = await seedBranches(t.database.db);
    regulator = await signInAs(t.app, 'regulator');
  });
  afterAll(() => t.close());

  it('counts every branch by district and status, matching the adjustments in force', async () => {
    const res = await t.app.inject({ url: '/api/v1/branch-network', headers: regulator });
    expect(res.statusCode).toBe(200);
    const { districts } = res.json() as { districts: { total: number; open: number; adjusted: number; closed: number; flagged: number }[] };
    expect(districts).toHaveLength(16);
    expect(districts.reduce((n, d) => n + d.total, 0)).toBe(total);
    for (const d of districts) expect(d.open + d.adjusted + d.closed + d.flagged).toBe(d.total);
    const closedNow = await t.database.db
      .selectFrom('branchAdjustments')
      .select('branchId')
      .where('closed', '=', true)
      .where('fromDate', '<=', today())
      .where('toDate', '>=', today())
      .execute();
    expect(districts.reduce((n, d) => n + d.closed, 0)).toBe(closedNow.length);
    expect(closedNow.length).toBeGreaterThan(0);
  });

  it('lists the branches behind a figure', async () => {
    const summary = (await t.app.inject({ url: '/api/v1/branch-network', headers: regulator })).json();
    const district = summary.districts.find((d: { closed: number }) => d.closed > 0);
    const list = await t.app.inject({
      url: `/api/v1/branch-network/branches?districtCode=${district.districtCode}&status=closed`,
      headers: regulator,
    });
    expect(list.json().items).toHaveLength(district.closed);
    expect(list.json().items[0]).toMatchObject({ status: 'closed', note: expect.stringContaining('封控') });
  });

  it('exports an XLSX workbook, audited, and refuses institutions', async () => {
    const res = await t.app.inject({ url: '/api/v1/branch-network/export.xlsx', headers: regulator });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['按区汇总', '网点明细']);
    // 16 districts under the header, then the city's totals; the list in Chinese, with its count at the end.
    const summary = book.getWorksheet('按区汇总');
    expect(summary?.rowCount).toBe(18);
    expect(summary?.getRow(18).getCell(1).text).toBe('合计 Total');
    expect(Number(summary?.getRow(18).getCell(2).value)).toBe(total);
    const list = book.getWorksheet('网点明细');
    expect(list?.rowCount).toBe(total + 2);
    const statuses = new Set(Array.from({ length: total }, (_, i) => list?.getRow(i + 2).getCell(6).text));
    for (const s of statuses) expect(['正常营业', '调整时间', '暂停营业', '位于封控区待处置']).toContain(s);
    expect(list?.getRow(total + 2).getCell(1).text).toBe(`合计 ${total} 个网点`);
    const exported = await t.database.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'network.exported')
      .executeTakeFirstOrThrow();
    expect(exported.summary).toMatchObject({ branches: total, format: 'xlsx' });
    expect((await t.app.inject({ url: '/api/v1/branch-network', headers: await signInAs(t.app, 'boc.admin') })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/branch-network', headers: await signInAs(t.app, 'association') })).statusCode).toBe(200);
  });
});
