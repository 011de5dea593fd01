import { type Static, Type } from 'typebox';

/** The file types attachments may be, by what their content is (not what their name says). */
export const ATTACHMENT_TYPES = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
} as const satisfies Record<string, readonly string[]>;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

const IMAGES_AND_PDF: readonly AttachmentType[] = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];

/** What each kind of attachment is for, how large it may be and which types it takes. */
export const ATTACHMENT_KINDS = {
  /** What was seen at a home visit's identity check (a photo of the ID, a signed form). */
  identity_check: { maxBytes: 5 * 1024 * 1024, types: IMAGES_AND_PDF, zh: '身份核验材料', en: 'Identity check' },
  /** Evidence or documents a case needs (complaints, claims): office files too. */
  document: { maxBytes: 20 * 1024 * 1024, types: Object.keys(ATTACHMENT_TYPES) as AttachmentType[], zh: '证明材料', en: 'Document' },
} as const satisfies Record<string, { maxBytes: number; types: readonly AttachmentType[]; zh: string; en: string }>;
export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;
export const ATTACHMENT_KIND_NAMES = Object.keys(ATTACHMENT_KINDS) as AttachmentKind[];

export const AttachmentView = Type.Object({
  id: Type.String(),
  recordType: Type.String(),
  recordId: Type.String(),
  kind: Type.Enum(ATTACHMENT_KIND_NAMES),
  fileName: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type AttachmentView = Static<typeof AttachmentView>;

const RecordOf = { recordType: Type.String({ pattern: '^[a-z_]{2,40}$' }), recordId: Type.String({ format: 'uuid' }) };
/** Which record's files. */
export const AttachmentQuery = Type.Object(RecordOf, { additionalProperties: false });
export type AttachmentQuery = Static<typeof AttachmentQuery>;
/** Which record a new file goes to, and what kind of file it is. */
export const AttachmentTarget = Type.Object({ ...RecordOf, kind: Type.Enum(ATTACHMENT_KIND_NAMES) }, { additionalProperties: false });
export type AttachmentTarget = Static<typeof AttachmentTarget>;
