import {
  compareNoticeEntries,
  type DeskItem,
  diffNoticeEntries,
  findDivision,
  formatWeeklyHours,
  type NoticeChanges,
  type NoticeEntry,
  type NoticePublishInput,
  type NoticeView,
} from '@shouhu/common';
import { Feed } from 'feed';
import type { Db } from '../../db/database.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { can } from '../../platform/access/policy.ts';
import { actorUserId, audit, type Context } from '../../platform/context.ts';
import { createWorkbook } from '../../platform/files.ts';
import { createId } from '../../platform/ids.ts';
import { selectAdjustmentsOn, selectBranchesWithdrawnSince, selectBranchPlaces } from '../branches/repo.ts';
import { getOrganization, listOrganizations } from '../organizations/service.ts';
import { noticeError } from './errors.ts';
import { publishDraftRow, replaceDraft, selectDraft, selectLatestPublished, selectPublished, selectPublishedVersions } from './repo.ts';

async function toView(
  db: Db,
  row: {
    id: string;
    associationId: string;
    version: number | null;
    status: 'draft' | 'published';
    asOf: string;
    entries: NoticeEntry[];
    changes: Partial<NoticeChanges> & Pick<NoticeChanges, 'previousVersion'>;
    compiledAt: Date | string;
    publishedAt: Date | string | null;
    compiledBy: string | null;
    publishedBy: string | null;
    documentNumber: string | null;
    signedOn: string | null;
  },
): Promise<NoticeView> {
  const { nameZh, nameEn } = await getOrganization(db, row.associationId);
  return {
    ...row,
    // Versions published before the change list was complete lack some of its lists.
    changes: { added: [], changed: [], reopened: [], withdrawn: [], closed: [], hoursChanged: [], ...row.changes },
    association: { nameZh, nameEn },
    compiledAt: new Date(row.compiledAt).toISOString(),
    publishedAt: row.publishedAt ? new Date(row.publishedAt).toISOString() : null,
  };
}

/** The adjustments of the association's member institutions in force on the date, as notice entries. */
async function collectEntries(db: Db, associationId: string, asOf: string): Promise<NoticeEntry[]> {
  const members = (await listOrganizations(db, {})).filter((o) => o.parentId === associationId);
  const nameOf = new Map(members.map((o) => [o.id, o.nameZh]));
  const orgIds = [...nameOf.keys()];
  // An adjustment belongs to a member when its branch does (the join is on the branch, as it is now).
  const [places, adjustments] = await Promise.all([selectBranchPlaces(db, { orgIds }), selectAdjustmentsOn(db, asOf)]);
  const placeOf = new Map(places.map((p) => [p.id, p]));
  const rows = adjustments
    .filter((a) => placeOf.has(a.branchId))
    .map((a) => {
      const b = placeOf.get(a.branchId) as (typeof places)[number];
      return {
        branchId: b.id,
        institution: nameOf.get(b.orgId) ?? '',
        branchName: b.nameZh,
        address: b.address,
        districtCode: b.districtCode,
        closed: a.closed,
        hours: a.hours,
        from: a.fromDate,
        to: a.toDate,
        note: a.publicNote,
      };
    });
  // By district, institution and branch, as the association's notice lists them.
  return rows
    .map((r) => ({
      ...r,
      districtName: findDivision(r.districtCode)?.name ?? r.districtCode,
      hours: r.closed || !r.hours ? null : formatWeeklyHours({ days: { 1: r.hours } }).replace(/^1 /, ''),
    }))
    .sort(compareNoticeEntries);
}

/** Compiles (or recompiles) the association's draft as of a date, for review before publishing. */
export async function compileDraft(ctx: Context, asOf: string): Promise<NoticeView> {
  await assertCan(ctx, 'notice.publish', {});
  const associationId = 'orgId' in ctx.actor ? ctx.actor.orgId : '';
  const entries = await collectEntries(ctx.db, associationId, asOf);
  const previous = await selectLatestPublished(ctx.db, associationId);
  const withdrawn = previous?.publishedAt ? await selectBranchesWithdrawnSince(ctx.db, new Date(previous.publishedAt)) : [];
  const changes = diffNoticeEntries(previous?.entries ?? [], entries, previous?.version ?? null, new Set(withdrawn));
  const id = createId();
  await ctx.db.transaction().execute(async (trx) => {
    await replaceDraft(trx, { id, associationId, asOf, entries, changes, compiledBy: actorUserId(ctx) });
    await audit(ctx, trx, {
      action: 'notice.compiled',
      orgId: associationId,
      recordType: 'notice',
      recordId: id,
      summary: { asOf, entries: entries.length },
    });
  });
  return getDraft(ctx);
}

export async function getDraft(ctx: Context): Promise<NoticeView> {
  await assertCan(ctx, 'notice.publish', {});
  const associationId = 'orgId' in ctx.actor ? ctx.actor.orgId : '';
  const row = await selectDraft(ctx.db, associationId);
  if (!row) throw noticeError('notice.no_draft');
  return toView(ctx.db, row);
}

/**
 * Publishes the reviewed draft as the next numbered version, under its document number and
 * signing date; published versions never change. The reviewer is not the person who compiled it.
 */
export async function publishDraft(ctx: Context, input: NoticePublishInput): Promise<NoticeView> {
  const draft = await getDraft(ctx);
  const associationId = 'orgId' in ctx.actor ? ctx.actor.orgId : '';
  const reviewer = actorUserId(ctx);
  if (draft.compiledBy !== null && draft.compiledBy === reviewer) throw noticeError('notice.same_person');
  await ctx.db.transaction().execute(async (trx) => {
    const version = await publishDraftRow(trx, associationId, draft.id, {
      publishedBy: reviewer,
      documentNumber: input.documentNumber.trim(),
      signedOn: input.signedOn,
    });
    await audit(ctx, trx, {
      action: 'notice.published',
      orgId: associationId,
      recordType: 'notice',
      recordId: draft.id,
      summary: {
        version,
        entries: draft.entries.length,
        documentNumber: input.documentNumber.trim(),
        signedOn: input.signedOn,
        changes: {
          added: draft.changes.added.length,
          changed: draft.changes.changed.length,
          closed: draft.changes.closed.length,
          reopened: draft.changes.reopened.length,
          withdrawn: draft.changes.withdrawn.length,
          hoursChanged: draft.changes.hoursChanged.length,
        },
      },
    });
  });
  return getPublished(ctx.db, draft.id);
}

export async function getPublished(db: Db, id: string): Promise<NoticeView> {
  const row = await selectPublished(db, id);
  if (!row) throw noticeError('notice.not_found');
  return toView(db, row);
}

/** Every published version, newest first (without entries). */
export async function listPublished(db: Db) {
  const [rows, organizations] = await Promise.all([selectPublishedVersions(db), listOrganizations(db, {})]);
  const nameOf = new Map(organizations.map((o) => [o.id, o.nameZh]));
  return rows.map((r) => ({
    id: r.id,
    version: r.version as number,
    asOf: r.asOf,
    publishedAt: new Date(r.publishedAt as Date).toISOString(),
    association: nameOf.get(r.associationId) ?? '',
    entries: Number(r.entryCount),
    documentNumber: r.documentNumber,
  }));
}

/** The institution's own branches listed in a published version. */
export async function listMine(ctx: Context, id: string): Promise<NoticeEntry[]> {
  const orgId = 'orgId' in ctx.actor ? ctx.actor.orgId : '';
  await assertCan(ctx, 'branch.read', { orgId });
  const notice = await getPublished(ctx.db, id);
  const mine = new Set((await selectBranchPlaces(ctx.db, { orgIds: [orgId] })).map((b) => b.id));
  return notice.entries.filter((e) => mine.has(e.branchId));
}

export async function toXlsx(notice: NoticeView): Promise<Buffer> {
  const book = await createWorkbook();
  const sheet = book.addWorksheet(`通告第${notice.version}版`);
  sheet.addRow([`${notice.association.nameZh}：上海市部分银行营业网点时间调整通告（第${notice.version}版，截至${notice.asOf}）`]).font = {
    bold: true,
  };
  sheet.addRow(['区', '银行', '网点', '地址', '调整', '起', '止', '说明']).font = { bold: true };
  for (const e of notice.entries)
    sheet.addRow([
      e.districtName,
      e.institution,
      e.branchName,
      e.address,
      e.closed ? '暂停营业' : `营业时间 ${e.hours}`,
      e.from,
      e.to,
      e.note ?? '',
    ]);
  sheet.columns.forEach((c, i) => {
    c.width = [8, 18, 28, 30, 22, 12, 12, 30][i];
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function toAtom(db: Db, baseUrl: string): Promise<string> {
  const versions = await listPublished(db);
  const feed = new Feed({
    title: '上海市部分银行营业网点时间调整通告 · Shouhu',
    id: `${baseUrl}/notices`,
    link: `${baseUrl}/notices`,
    copyright: 'Shanghai Banking Association',
    updated: versions[0] ? new Date(versions[0].publishedAt) : new Date(0),
  });
  for (const v of versions) {
    feed.addItem({
      title: `第${v.version}版（截至${v.asOf}）：${v.entries}个网点`,
      id: `${baseUrl}/api/v1/public/notices/${v.id}`,
      link: `${baseUrl}/notices/${v.id}`,
      date: new Date(v.publishedAt),
      description: `${v.association} 发布，${v.entries} 个网点调整营业。`,
    });
  }
  return feed.atom1();
}

/** For the work desk: the association's draft, when someone else compiled it (the one who did cannot publish it). */
export async function listNoticeDesk(ctx: Context): Promise<DeskItem[]> {
  if (!can(ctx.actor, 'notice.publish') || !('orgId' in ctx.actor)) return [];
  const draft = await selectDraft(ctx.db, ctx.actor.orgId);
  const waiting = draft !== undefined && draft.compiledBy !== actorUserId(ctx);
  return [{ key: 'notices.review', count: waiting ? 1 : 0, path: '/console/notice' }];
}
