import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectJob } from '../../platform/jobs/repo.ts';
import { createWorker } from '../../platform/jobs/worker.ts';
import { createTestApp, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { importBranchesJob } from './transfer.ts';

const HEADER = '网点编号,网点名称,地址,街道代码,纬度,经度,业务,营业时间,电话,无障碍';
const row = (code: string, extra = {}) => {
  const r = {
    code,
    name: `导入网点${code}`,
    address: '黄浦区某路1号',
    street: '310101002',
    lat: '31.23',
    lng: '121.48',
    services: 'cash,loans',
    hours: '1-5 09:00-17:00; 6 09:00-12:00',
    phone: '021-12345678',
    stepFree: '是',
    ...extra,
  };
  return [r.code, r.name, r.address, r.street, r.lat, r.lng, `"${r.services}"`, r.hours, r.phone, r.stepFree].join(',');
};

describe(`branch import and export (${testDatabaseKind})`, () => {
  let t: TestApp;
  let boc: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    boc = await signInAs(t.app, 'boc.staff');
  });
  afterAll(() => t.close());

  async function runJobs(jobId: string) {
    const worker = createWorker({
      db: t.database.db,
      handlers: { 'branches.import': importBranchesJob },
      log: pino({ level: 'silent' }),
      pollIntervalMs: 20,
    });
    worker.start();
    for (let i = 0; i < 200 && (await selectJob(t.database.db, jobId))?.state !== 'completed'; i++)
      await new Promise((r) => setTimeout(r, 25));
    await worker.stop();
    return selectJob(t.database.db, jobId);
  }

  it('reports every bad row of a GB18030 CSV by line and field, and imports nothing', async () => {
    const csv = iconv.encode(
      [
        HEADER,
        row('A1'),
        row('A2', { street: '310199999' }),
        row('A3', { hours: '周一 9-5' }),
        row('A4', { services: 'cash,pawnshop' }),
      ].join('\r\n'),
      'gb18030',
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/branches/import',
      headers: { ...boc, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.problems.map((p: { line: number; field: string }) => [p.line, p.field])).toEqual([
      [3, 'streetCode'],
      [4, 'weeklyHours'],
      [5, 'services'],
    ]);
    expect(await t.database.db.selectFrom('branches').selectAll().execute()).toEqual([]);
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/branches/import', headers: boc, payload: {} });
    expect(json.statusCode).toBe(415);
  });

  it('imports 250 rows through a job with progress, then updates by code on a second import', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => row(`B${String(i).padStart(3, '0')}`));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/branches/import',
      headers: { ...boc, 'content-type': 'text/csv' },
      payload: [HEADER, ...rows].join('\n'),
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 250, problems: [] });
    const job = await runJobs(res.json().jobId);
    expect(job).toMatchObject({ state: 'completed', progress: 100, result: { created: 250, updated: 0 } });
    const api = await t.app.inject({ url: `/api/v1/jobs/${res.json().jobId}`, headers: boc });
    expect(api.json()).toMatchObject({ state: 'completed', progressMessage: '250 / 250' });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/branches/import?partial=true',
      headers: { ...boc, 'content-type': 'text/csv' },
      payload: [HEADER, row('B000', { name: '改名网点' }), row('BAD', { lat: 'north' })].join('\n'),
    });
    expect(again.json()).toMatchObject({ accepted: 1, problems: [{ line: 3, field: 'lat', reasonZh: '应为数字' }] });
    expect(again.json().rejectedCsv).toContain('BAD,');
    expect(again.json().rejectedCsv).toContain('第3行 lat：应为数字');
    expect((await runJobs(again.json().jobId))?.result).toEqual({ created: 0, updated: 1 });
    const renamed = await t.database.db.selectFrom('branches').select('nameZh').where('code', '=', 'B000').executeTakeFirstOrThrow();
    expect(renamed.nameZh).toBe('改名网点');
  });

  it('exports CSV and XLSX in the import’s columns, which import again unchanged', async () => {
    const csv = await t.app.inject({ url: '/api/v1/branches/export?format=csv', headers: boc });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(251);
    expect(lines[0]).toContain('营业时间');
    expect(lines[1]).toContain('1-5 09:00-17:00; 6 09:00-12:00');
    const xlsx = await t.app.inject({ url: '/api/v1/branches/export?format=xlsx', headers: boc });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.rowCount).toBe(251);
    // The exported workbook goes back in as it is.
    const back = await t.app.inject({
      method: 'POST',
      url: '/api/v1/branches/import',
      headers: { ...boc, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      payload: xlsx.rawPayload,
    });
    expect(back.json()).toMatchObject({ accepted: 250, problems: [] });
    expect((await runJobs(back.json().jobId))?.result).toEqual({ created: 0, updated: 250 });
  });
});
