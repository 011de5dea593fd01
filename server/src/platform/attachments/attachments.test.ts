import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, findOrgId, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { insertHomeVisit } from '../../test/fixtures.ts';
import { makeZip } from '../../test/zip.ts';

// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

function multipart(fileName: string, type: string, content: Buffer) {
  const boundary = 'shouhu-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe(`attachments (${testDatabaseKind})`, () => {
  let t: TestApp;
  let boc: Record<string, string>;
  let visit: string;
  const upload = (
    headers: Record<string, string>,
    fileName: string,
    type: string,
    content: Buffer,
    kind = 'identity_check',
    id = visit,
  ) => {
    const body = multipart(fileName, type, content);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/attachments?recordType=home_visit&recordId=${id}&kind=${kind}`,
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
  };
  const count = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('attachments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  beforeAll(async () => {
    t = await createTestApp();
    boc = await signInAs(t.app, 'boc.staff');
    visit = await insertHomeVisit(t, { orgId: await findOrgId(t, 'boc-sh') });
  });
  afterAll(() => t.close());

  it('keeps what was seen at the identity check, for the bank alone; every download audited', async () => {
    const added = await upload(boc, '身份证正面.png', 'image/png', PNG);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ kind: 'identity_check', mediaType: 'image/png', size: PNG.length, fileName: '身份证正面.png' });
    const id = added.json().id;
    const list = await t.app.inject({ url: `/api/v1/attachments?recordType=home_visit&recordId=${visit}`, headers: boc });
    expect(list.json().items.map((a: { id: string }) => a.id)).toEqual([id]);
    const download = await t.app.inject({ url: `/api/v1/attachments/${id}`, headers: boc });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(PNG)).toBe(true);
    const trail = await t.database.db
      .selectFrom('auditEvents')
      .select(['action', 'recordId'])
      .where('action', 'like', 'attachment.%')
      .execute();
    expect(trail).toEqual([
      { action: 'attachment.added', recordId: visit },
      { action: 'attachment.downloaded', recordId: visit },
    ]);

    // Another bank, an association and the public: not found, refused, not signed in.
    const cib = await signInAs(t.app, 'cib.admin');
    expect((await t.app.inject({ url: `/api/v1/attachments/${id}`, headers: cib })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/attachments?recordType=home_visit&recordId=${visit}`, headers: cib })).statusCode).toBe(404);
    expect((await upload(cib, 'x.png', 'image/png', PNG)).statusCode).toBe(404);
    const association = await signInAs(t.app, 'association');
    expect((await t.app.inject({ url: `/api/v1/attachments/${id}`, headers: association })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/attachments/${id}` })).statusCode).toBe(401);
  });

  it('refuses a file over its limit, of another type than it claims, of a type not taken, or a zip bomb, keeping nothing', async () => {
    const before = await count();
    const big = Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]);
    const tooLarge = await upload(boc, 'big.png', 'image/png', big);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error).toMatchObject({ code: 'attachment.too_large', message_zh: '文件超过此类附件的大小上限' });
    const lying = await upload(boc, 'scan.pdf', 'application/pdf', PNG);
    expect(lying.statusCode).toBe(415);
    expect(lying.json().error.code).toBe('attachment.type_mismatch');
    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(400, 1)]);
    expect((await upload(boc, 'photo.jpg', 'image/jpeg', program)).json().error.code).toBe('attachment.type_refused');
    const docx = makeZip([
      {
        name: '[Content_Types].xml',
        data: Buffer.from(
          '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        ),
      },
      { name: 'word/document.xml', data: Buffer.alloc(60 * 1024 * 1024) },
    ]);
    const bomb = await upload(
      boc,
      'statement.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      docx,
      'document',
    );
    expect(bomb.statusCode, bomb.body).toBe(413);
    expect(bomb.json().error.code).toBe('attachment.zip_bomb');
    expect((await upload(boc, 'empty.png', 'image/png', Buffer.alloc(0))).json().error.code).toBe('file.empty');
    const unknown = await t.app.inject({
      method: 'POST',
      url: `/api/v1/attachments?recordType=branch&recordId=${visit}&kind=document`,
      headers: boc,
    });
    expect(unknown.json().error.code).toBe('attachment.record_unknown');
    expect(await count()).toBe(before);
  });
});
