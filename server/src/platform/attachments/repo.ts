import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AttachmentsTable } from '../../db/schema.ts';

/** A file's facts without its content. */
export type AttachmentRow = Omit<Selectable<AttachmentsTable>, 'content'>;

const COLUMNS = [
  'id',
  'orgId',
  'recordType',
  'recordId',
  'kind',
  'fileName',
  'mediaType',
  'size',
  'sha256',
  'uploadedBy',
  'createdAt',
] as const;

export async function insertAttachment(db: Db, row: Insertable<AttachmentsTable>) {
  await db.insertInto('attachments').values(row).execute();
}

export function selectAttachments(db: Db, recordType: string, recordId: string): Promise<AttachmentRow[]> {
  return db
    .selectFrom('attachments')
    .select(COLUMNS)
    .where('recordType', '=', recordType)
    .where('recordId', '=', recordId)
    .orderBy('createdAt')
    .execute();
}

/** One file with its content. */
export function selectAttachment(db: Db, id: string) {
  return db
    .selectFrom('attachments')
    .select([...COLUMNS, 'content'])
    .where('id', '=', id)
    .executeTakeFirst();
}
