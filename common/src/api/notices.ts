import { type Static, Type } from 'typebox';
import { compareText } from '../sorting.ts';

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

/**
 * What changed since the previous published version, complete: applied to the previous version's
 * entries (applyNoticeChanges) it gives this version's. `closed` and `hoursChanged` name, of the
 * branches added or changed, those newly closed and those open on other hours than before.
 */
export const NoticeChanges = Type.Object({
  previousVersion: Type.Union([Type.Integer(), Type.Null()]),
  added: Type.Array(NoticeEntry, { description: 'branches newly listed, closed or on other hours' }),
  changed: Type.Array(NoticeEntry, {
    description: 'branches listed before whose entry changed (dates, hours, closure, note): the new entry',
  }),
  reopened: Type.Array(Type.String({ description: 'branch ids no longer listed: their adjustment ended' })),
  withdrawn: Type.Array(Type.String({ description: 'branch ids no longer listed: their institution withdrew the adjustment' })),
  closed: Type.Array(Type.String({ description: 'branch ids newly closed' })),
  hoursChanged: Type.Array(Type.String({ description: 'branch ids listed with other hours than before' })),
});
export type NoticeChanges = Static<typeof NoticeChanges>;

/** The notice's order: by district, institution and branch name, by code point (the same on every database). */
export function compareNoticeEntries(a: NoticeEntry, b: NoticeEntry): number {
  return (
    compareText(a.districtCode, b.districtCode) ||
    compareText(a.institution, b.institution) ||
    compareText(a.branchName, b.branchName) ||
    compareText(a.branchId, b.branchId)
  );
}

// Field by field: entries read back from jsonb come with their keys in another order.
const ENTRY_FIELDS = Object.keys(NoticeEntry.properties) as (keyof NoticeEntry)[];
const sameEntry = (a: NoticeEntry, b: NoticeEntry) => ENTRY_FIELDS.every((f) => a[f] === b[f]);

/** The changes from one version's entries to the next (a branch not listed any more was withdrawn when in `withdrawnIds`). */
export function diffNoticeEntries(
  previous: readonly NoticeEntry[],
  current: readonly NoticeEntry[],
  previousVersion: number | null,
  withdrawnIds: ReadonlySet<string> = new Set(),
): NoticeChanges {
  const before = new Map(previous.map((e) => [e.branchId, e]));
  const now = new Set(current.map((e) => e.branchId));
  const added = current.filter((e) => !before.has(e.branchId));
  const changed = current.filter((e) => {
    const old = before.get(e.branchId);
    return old !== undefined && !sameEntry(old, e);
  });
  const gone = previous.filter((e) => !now.has(e.branchId)).map((e) => e.branchId);
  return {
    previousVersion,
    added,
    changed,
    reopened: gone.filter((id) => !withdrawnIds.has(id)),
    withdrawn: gone.filter((id) => withdrawnIds.has(id)),
    closed: [...added, ...changed].filter((e) => e.closed && !before.get(e.branchId)?.closed).map((e) => e.branchId),
    hoursChanged: [...added, ...changed]
      .filter((e) => !e.closed && e.hours !== (before.get(e.branchId)?.hours ?? null))
      .map((e) => e.branchId),
  };
}

/** A version's entries from the previous version's and the changes listed: what a reader of both can check. */
export function applyNoticeChanges(previous: readonly NoticeEntry[], changes: NoticeChanges): NoticeEntry[] {
  const gone = new Set([...changes.reopened, ...changes.withdrawn]);
  const replaced = new Map(changes.changed.map((e) => [e.branchId, e]));
  return [...previous.filter((e) => !gone.has(e.branchId)).map((e) => replaced.get(e.branchId) ?? e), ...changes.added].sort(
    compareNoticeEntries,
  );
}

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
  /** Who compiled the draft (a second person of the association reviews and publishes it). */
  compiledBy: Type.Union([Type.String(), Type.Null()]),
  publishedBy: Type.Union([Type.String(), Type.Null()]),
  /** 文号 and 落款 date of the published version. */
  documentNumber: Type.Union([Type.String(), Type.Null()]),
  signedOn: Type.Union([Type.String(), Type.Null()]),
});
export type NoticeView = Static<typeof NoticeView>;

/** Publishing the reviewed draft: its document number (文号) and the date it is signed (落款). */
export const NoticePublishInput = Type.Object(
  {
    documentNumber: Type.String({ minLength: 3, maxLength: 40, description: 'e.g. 沪银协〔2022〕12号' }),
    signedOn: Type.String({ format: 'date' }),
  },
  { additionalProperties: false },
);
export type NoticePublishInput = Static<typeof NoticePublishInput>;

/** A published version as the list shows it, without its entries. */
export const NoticeSummary = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  asOf: Type.String(),
  publishedAt: Type.String(),
  association: Type.String(),
  entries: Type.Integer(),
  documentNumber: Type.Union([Type.String(), Type.Null()]),
});
export type NoticeSummary = Static<typeof NoticeSummary>;
