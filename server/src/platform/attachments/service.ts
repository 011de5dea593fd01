import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ATTACHMENT_KINDS, ATTACHMENT_TYPES, type AttachmentKind, type AttachmentType, type AttachmentView } from '@shouhu/common';
import { AppError } from '../../errors.ts';
import { actorUserId, audit, type Context } from '../context.ts';
import { createId } from '../ids.ts';
import type { AttachmentOwner } from '../module.ts';
import { sumInflatedSizes } from '../table-parse.ts';
import { type AttachmentRow, insertAttachment, selectAttachment, selectAttachments } from './repo.ts';

/** An office file is a ZIP: unzipped it may be at most this many times its size (a zip bomb is refused). */
const MAX_INFLATION = 20;

export interface Upload {
  kind: AttachmentKind;
  fileName: string;
  /** What the browser said the file is; it must agree with what the content is. */
  declaredType: string;
  stream: Readable;
}

/** Reads the upload, stopping at the kind's limit: memory stays bounded by it. */
async function readBounded(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      stream.destroy();
      throw new AppError('attachment.too_large', { field: 'file', maxBytes });
    }
    chunks.push(chunk as Buffer);
  }
  // @fastify/multipart marks a file cut at its own limit as truncated.
  if ((stream as Readable & { truncated?: boolean }).truncated) throw new AppError('attachment.too_large', { field: 'file', maxBytes });
  return Buffer.concat(chunks);
}

/** The file's type from its content, refused when it is not one the kind takes or the name or declared type says otherwise. */
async function sniff(bytes: Buffer, upload: Upload): Promise<AttachmentType> {
  const rule = ATTACHMENT_KINDS[upload.kind];
  // Loaded with the first upload, not with every start.
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(bytes);
  const type = found?.mime as AttachmentType | undefined;
  if (!type || !(rule.types as readonly string[]).includes(type))
    throw new AppError('attachment.type_refused', { field: 'file', found: found?.mime ?? null, allowed: rule.types });
  const extension = upload.fileName.includes('.') ? (upload.fileName.split('.').pop() ?? '').toLowerCase() : '';
  const extensions: readonly string[] = ATTACHMENT_TYPES[type];
  const declared = upload.declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  const declaredOk =
    declared === '' || declared === 'application/octet-stream' || declared === type || (declared === 'image/jpg' && type === 'image/jpeg');
  if (!extensions.includes(extension) || !declaredOk)
    throw new AppError('attachment.type_mismatch', { field: 'file', found: type, extension, declared });
  if (extensions.includes('docx') || extensions.includes('xlsx')) {
    let inflated: number;
    try {
      inflated = sumInflatedSizes(bytes);
    } catch {
      throw new AppError('attachment.type_refused', { field: 'file', found: type, reason: 'damaged ZIP directory' });
    }
    if (inflated > Math.max(bytes.length * MAX_INFLATION, 1024 * 1024))
      throw new AppError('attachment.zip_bomb', { field: 'file', inflated });
  }
  return type;
}

const toView = (row: AttachmentRow): AttachmentView => ({
  id: row.id,
  recordType: row.recordType,
  recordId: row.recordId,
  kind: row.kind as AttachmentKind,
  fileName: row.fileName,
  mediaType: row.mediaType,
  size: row.size,
  sha256: row.sha256,
  uploadedBy: row.uploadedBy,
  createdAt: new Date(row.createdAt).toISOString(),
});

/**
 * Stores a file on a record the caller may change (the record's module decides through its
 * owner function), after checking its size, its real type and, for office files, how far it
 * unzips. All or nothing: a refused file leaves no row.
 */
export async function addAttachment(ctx: Context, owner: AttachmentOwner, recordType: string, recordId: string, upload: Upload) {
  const { orgId } = await owner(ctx, recordId, 'change');
  const rule = ATTACHMENT_KINDS[upload.kind];
  const bytes = await readBounded(upload.stream, rule.maxBytes);
  if (bytes.length === 0) throw new AppError('file.empty', { field: 'file' });
  const mediaType = await sniff(bytes, upload);
  const id = createId();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fileName = upload.fileName.replace(/[\\/\p{Cc}]/gu, '_').slice(0, 200) || `${id}.${ATTACHMENT_TYPES[mediaType][0]}`;
  const row: AttachmentRow = {
    id,
    orgId,
    recordType,
    recordId,
    kind: upload.kind,
    fileName,
    mediaType,
    size: bytes.length,
    sha256,
    uploadedBy: actorUserId(ctx),
    createdAt: new Date(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertAttachment(trx, { ...row, content: bytes });
    await audit(ctx, trx, {
      action: 'attachment.added',
      orgId,
      recordType,
      recordId,
      summary: { attachmentId: id, kind: upload.kind, mediaType, size: bytes.length, sha256 },
    });
  });
  return toView(row);
}

/** The files of a record the caller may see. */
export async function listAttachments(
  ctx: Context,
  owner: AttachmentOwner,
  recordType: string,
  recordId: string,
): Promise<AttachmentView[]> {
  await owner(ctx, recordId, 'read');
  return (await selectAttachments(ctx.db, recordType, recordId)).map(toView);
}

/** One file with its content, to whoever may see its record; each download is audited. */
export async function downloadAttachment(ctx: Context, owners: Readonly<Record<string, AttachmentOwner>>, id: string) {
  const row = await selectAttachment(ctx.db, id);
  const owner = row ? owners[row.recordType] : undefined;
  if (!row || !owner) throw new AppError('attachment.not_found');
  try {
    await owner(ctx, row.recordId, 'read');
  } catch (err) {
    // Another organisation's file is not found, as its record is not; anything else is what it is.
    if (err instanceof AppError && (err.statusCode === 403 || err.statusCode === 404)) throw new AppError('attachment.not_found');
    throw err;
  }
  await ctx.db.transaction().execute((trx) =>
    audit(ctx, trx, {
      action: 'attachment.downloaded',
      orgId: row.orgId,
      recordType: row.recordType,
      recordId: row.recordId,
      summary: { attachmentId: row.id, fileName: row.fileName },
    }),
  );
  const { content, ...facts } = row;
  return { view: toView(facts), content: Buffer.from(content) };
}
