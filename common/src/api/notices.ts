import { type Static, Type } from 'typebox';

/** One branch in the association's notice: closed, or open on other hours, for some dates. */
export const NoticeEntry = Type.Object({
  branchId: Type.String(),
  institution: Type.String(),
  branchName: Type.String(),
  address: Type.String(),
  districtCode: Type.String(),
  districtName: Type.String(),
  closed: Type.Boolean(),
  hours: Type.Union([Type.String(), Type.Null()]),
  from: Type.String(),
  to: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
});
export type NoticeEntry = Static<typeof NoticeEntry>;

/** What changed since the previous published version, by branch. */
export const NoticeChanges = Type.Object({
  closed: Type.Array(Type.String({ description: 'branch ids newly closed' })),
  reopened: Type.Array(Type.String({ description: 'branch ids no longer listed (their adjustment ended)' })),
  withdrawn: Type.Array(Type.String({ description: 'branch ids no longer listed because their institution withdrew the adjustment' })),
  hoursChanged: Type.Array(Type.String({ description: 'branch ids whose listed hours changed' })),
  previousVersion: Type.Union([Type.Integer(), Type.Null()]),
});
export type NoticeChanges = Static<typeof NoticeChanges>;

export const NoticeView = Type.Object({
  id: Type.String(),
  association: Type.Object({ nameZh: Type.String(), nameEn: Type.String() }),
  version: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.Enum(['draft', 'published']),
  asOf: Type.String(),
  compiledAt: Type.String(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  entries: Type.Array(NoticeEntry),
  changes: NoticeChanges,
});
export type NoticeView = Static<typeof NoticeView>;

/** A published version as the list shows it, without its entries. */
export const NoticeSummary = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  asOf: Type.String(),
  publishedAt: Type.String(),
  association: Type.String(),
  entries: Type.Integer(),
});
export type NoticeSummary = Static<typeof NoticeSummary>;
