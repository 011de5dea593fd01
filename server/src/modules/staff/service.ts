import {
  describePost,
  type FieldProblem,
  findStreet,
  type LockIn,
  maskAddress,
  maskMobile,
  maskName,
  type RowProblem,
  STAFF_FILE_COLUMNS,
  STAFF_POST_LABELS,
  STAFF_POSTS,
  type StaffChange,
  type StaffHomeInput,
  type StaffInput,
  StaffInput as StaffInputSchema,
  type StaffPostInput,
  type StaffPostView,
  type StaffView,
  todayInShanghai,
  toFieldProblem,
  validateMobile,
} from '@shouhu/common';
import { findCommittee } from '@shouhu/common/committees';
import type { Db } from '../../db/database.ts';
import { PLATFORM_ERRORS, validationError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { yieldToEventLoop } from '../../platform/batch.ts';
import { actorOrgId, audit, type Context, recordScope } from '../../platform/context.ts';
import { writeCsv } from '../../platform/csv.ts';
import { createWorkbook } from '../../platform/files.ts';
import { createId } from '../../platform/ids.ts';
import type { RecordNamer } from '../../platform/module.ts';
import { decryptField, encryptField, hashField } from '../../platform/pii/crypto.ts';
import type { KeyRing } from '../../platform/pii/keys.ts';
import { checkRow, describeRejects, type Table, toRowProblem } from '../../platform/table-import.ts';
import { nameBranches, selectBranchCodes } from '../branches/repo.ts';
import { selectUsernames } from '../users/repo.ts';
import { selectZonesOn } from '../zones/repo.ts';
import { staffError } from './errors.ts';
import {
  deleteStaffRow,
  insertOwnPost,
  insertStaffRows,
  type NewStaffRow,
  type StaffRow,
  selectOwnPosts,
  selectStaff,
  selectStaffBranches,
  selectStaffMember,
  selectStaffOfUsers,
  updateStaffRow,
} from './repo.ts';

/** A home in a zone of these levels keeps its people in (the branch flags' zones, and controlled ones). */
const LOCKING_LEVELS: readonly string[] = ['sealed', 'controlled'];

// Keyed hashes of the home's street and compound: a zone finds the people it locks in by them.
export const hashStreet = (keys: KeyRing, streetCode: string) => hashField(keys, 'staff.home_street', streetCode);
export const hashCompound = (keys: KeyRing, streetCode: string, compound: string) =>
  hashField(keys, 'staff.home_compound', `${streetCode}|${compound.normalize('NFKC').replace(/\s+/g, '')}`);

/** What the staffing computation needs where there is no request (the recording job): the keys and the database. */
export type StaffEnv = { keys: KeyRing; db: Db };

/**
 * Who of these people is locked in on a date: their home in a sealed or controlled zone's
 * compound, or in a street sealed whole. Found by the homes' keyed hashes, nothing decrypted.
 */

export async function findLockIns(
  env: StaffEnv,
  rows: readonly { id: string; homeStreetHash: string; homeCompoundHash: string }[],
  on: string,
): Promise<Map<string, LockIn>> {
  const { keys, db } = env;
  const zones = (await selectZonesOn(db, on)).filter((z) => LOCKING_LEVELS.includes(z.level));
  const byStreet = new Map<string, (typeof zones)[number]>();
  const byCompound = new Map<string, (typeof zones)[number]>();
  for (const z of zones) {
    if (!z.streetCode) continue;
    if (z.wholeStreet) byStreet.set(hashStreet(keys, z.streetCode), z);
    else byCompound.set(hashCompound(keys, z.streetCode, z.name), z);
  }
  const lockIns = new Map<string, LockIn>();
  for (const r of rows) {
    const zone = byCompound.get(r.homeCompoundHash) ?? byStreet.get(r.homeStreetHash);
    lockIns.set(r.id, { lockedIn: zone !== undefined, zoneId: zone?.id ?? null, zoneName: zone?.name ?? null });
  }
  return lockIns;
}

/**
 * Whether each of some console users is locked in on a date, by their roster entry: what home
 * visits ask before offering someone. Users not on the roster are not in the answer.
 */
export async function findUserLockIns(ctx: Context, orgId: string, userIds: readonly string[], on: string): Promise<Map<string, LockIn>> {
  const rows = await selectStaffOfUsers(ctx.db, orgId, userIds);
  const lockIns = await findLockIns(ctx, rows, on);
  return new Map(rows.map((r) => [r.userId as string, lockIns.get(r.id) as LockIn]));
}

/** What a row needs to be checked against: the institution's branches, posts and console users, and who is linked already. */
interface Catalogue {
  branchById: Map<string, { id: string; code: string; nameZh: string }>;
  branchByCode: Map<string, { id: string; code: string; nameZh: string }>;
  posts: Set<string>;
  postByName: Map<string, string>;
  userByName: Map<string, string>;
}

async function loadCatalogue(ctx: Context, orgId: string): Promise<Catalogue> {
  const [branches, own, users] = await Promise.all([
    selectBranchCodes(ctx.db, orgId),
    selectOwnPosts(ctx.db, orgId),
    selectUsernames(ctx.db, orgId),
  ]);
  const postByName = new Map<string, string>();
  for (const post of STAFF_POSTS) {
    postByName.set(post, post);
    postByName.set(STAFF_POST_LABELS[post].zh, post);
  }
  for (const p of own) {
    postByName.set(p.code, p.code);
    postByName.set(p.nameZh, p.code);
  }
  return {
    branchById: new Map(branches.map((b) => [b.id, b])),
    branchByCode: new Map(branches.map((b) => [b.code, b])),
    posts: new Set([...STAFF_POSTS, ...own.map((p) => p.code)]),
    postByName,
    userByName: new Map(users.map((u) => [u.username, u.id])),
  };
}

/** What is wrong with a roster entry beyond its schema: the same for one entered and a row imported. */
function checkStaff(input: StaffInput, catalogue: Catalogue): FieldProblem | undefined {
  if (!catalogue.branchById.has(input.branchId))
    return toFieldProblem({ field: 'branchId', reason: 'unknown', ...message('staff.branch_unknown') });
  const post = input.posts.find((p) => !catalogue.posts.has(p));
  if (post) return toFieldProblem({ field: 'posts', reason: 'unknown', ...message('staff.post_unknown') });
  const mobile = validateMobile(input.phone);
  if (!mobile.valid) return toFieldProblem({ field: 'phone', reason: mobile.reason });
  if (!findStreet(input.home.streetCode)) {
    const { en, zh } = PLATFORM_ERRORS['street.unknown'];
    return toFieldProblem({ field: 'home.streetCode', reason: 'unknown', message: en, message_zh: zh });
  }
  const committee = input.home.committeeCode;
  if (committee && (!committee.startsWith(input.home.streetCode) || !findCommittee(committee)))
    return toFieldProblem({ field: 'home.committeeCode', reason: 'unknown' });
  if (input.username !== undefined && !catalogue.userByName.has(input.username))
    return toFieldProblem({ field: 'username', reason: 'unknown', ...message('staff.user_unknown') });
  return undefined;
}

function message(code: Parameters<typeof staffError>[0]) {
  const { en, zh } = staffError.catalogue[code];
  return { message: en, message_zh: zh };
}

/** A checked entry as it is stored: personal data encrypted, the home's hashes beside it. */
function toStaffRow(ctx: Context, id: string, orgId: string, input: StaffInput, catalogue: Catalogue): NewStaffRow {
  const mobile = validateMobile(input.phone);
  const compound = input.home.compound.trim();
  const home = { streetCode: input.home.streetCode, ...(input.home.committeeCode ? { committeeCode: input.home.committeeCode } : {}) };
  return {
    id,
    orgId,
    branchId: input.branchId,
    userId: input.username === undefined ? null : (catalogue.userByName.get(input.username) ?? null),
    nameEnc: encryptField(ctx.keys, input.name.trim()),
    phoneEnc: encryptField(ctx.keys, mobile.valid ? mobile.normalized : input.phone),
    homeEnc: encryptField(ctx.keys, JSON.stringify(home)),
    compoundEnc: encryptField(ctx.keys, compound),
    homeStreetHash: hashStreet(ctx.keys, home.streetCode),
    homeCompoundHash: hashCompound(ctx.keys, home.streetCode, compound),
    posts: input.posts,
  };
}

function assertStaff(input: StaffInput, catalogue: Catalogue) {
  const problem = checkStaff(input, catalogue);
  if (problem) throw validationError([{ ...problem, field: `body.${problem.field}` }]);
}

/** The same user on two entries is refused by the database's unique key: said as this module's error. */
async function writeUnlessUserTaken(run: () => Promise<void>) {
  try {
    await run();
  } catch (err) {
    if ((err as { code?: string }).code === '23505' && String((err as Error).message).includes('user_id'))
      throw staffError('staff.user_taken');
    throw err;
  }
}

/** The roster as the console shows it: masked, with who is locked in on the date. */
export async function listStaff(ctx: Context, filter: { on: string; branchId?: string; post?: string; lockedIn?: boolean }) {
  await assertCan(ctx, 'staff.read', {});
  const rows = (await selectStaff(ctx.db, recordScope(ctx, 'staff.read'), { branchId: filter.branchId })).filter(
    (r) => filter.post === undefined || r.posts.includes(filter.post),
  );
  const lockIns = await findLockIns(ctx, rows, filter.on);
  const branchNames = rows.length > 0 ? await nameBranches(ctx.db, [...new Set(rows.map((r) => r.branchId))]) : new Map<string, string>();
  const views: StaffView[] = [];
  for (const [i, r] of rows.entries()) {
    if (i % 1000 === 999) await yieldToEventLoop();
    const lock = lockIns.get(r.id) as LockIn;
    if (filter.lockedIn !== undefined && lock.lockedIn !== filter.lockedIn) continue;
    views.push(toView(ctx, r, lock, branchNames, filter.on));
  }
  return views;
}

function toView(ctx: Context, r: StaffRow, lock: LockIn, branchNames: Map<string, string>, on: string): StaffView {
  const home = JSON.parse(decryptField(ctx.keys, r.homeEnc)) as Omit<StaffHomeInput, 'compound'>;
  return {
    id: r.id,
    orgId: r.orgId,
    branchId: r.branchId,
    branchName: branchNames.get(r.branchId) ?? '',
    name: maskName(decryptField(ctx.keys, r.nameEnc)),
    phone: maskMobile(decryptField(ctx.keys, r.phoneEnc)),
    posts: r.posts,
    home: {
      streetCode: home.streetCode,
      streetName: findStreet(home.streetCode)?.name ?? '',
      compound: maskAddress(decryptField(ctx.keys, r.compoundEnc)),
    },
    userId: r.userId,
    on,
    ...lock,
  };
}

async function loadStaffMember(ctx: Context, id: string, on: string) {
  const row = await selectStaffMember(ctx.db, recordScope(ctx, 'staff.manage'), id);
  if (!row) throw staffError('staff.not_found');
  await assertCan(ctx, 'staff.manage', { orgId: row.orgId });
  const lock = (await findLockIns(ctx, [row], on)).get(row.id) as LockIn;
  return { row, view: toView(ctx, row, lock, await nameBranches(ctx.db, [row.branchId]), on) };
}

/** What the audit trail keeps of an entry: its branch and posts, never the person's data. */
const describeForAudit = (input: StaffInput, catalogue: Catalogue) => ({
  branch: catalogue.branchById.get(input.branchId)?.nameZh ?? input.branchId,
  posts: input.posts,
  linkedUser: input.username !== undefined,
});

export async function createStaff(ctx: Context, input: StaffInput, on: string): Promise<StaffView> {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'staff.manage', { orgId });
  const catalogue = await loadCatalogue(ctx, orgId);
  assertStaff(input, catalogue);
  const id = createId();
  await writeUnlessUserTaken(() =>
    ctx.db.transaction().execute(async (trx) => {
      await insertStaffRows(trx, [toStaffRow(ctx, id, orgId, input, catalogue)]);
      await audit(ctx, trx, { action: 'staff.added', recordType: 'staff', recordId: id, summary: describeForAudit(input, catalogue) });
    }),
  );
  return (await loadStaffMember(ctx, id, on)).view;
}

/** Corrects an entry (a move to another branch, other posts, a new home), with the reason; audited without the person's data. */
export async function changeStaff(ctx: Context, id: string, input: StaffChange, on: string): Promise<StaffView> {
  const { row } = await loadStaffMember(ctx, id, on);
  const { changeReason, ...content } = input;
  const catalogue = await loadCatalogue(ctx, row.orgId);
  assertStaff(content, catalogue);
  const { id: _, orgId: __, ...changed } = toStaffRow(ctx, id, row.orgId, content, catalogue);
  await writeUnlessUserTaken(() =>
    ctx.db.transaction().execute(async (trx) => {
      await updateStaffRow(trx, id, changed);
      await audit(ctx, trx, {
        action: 'staff.changed',
        recordType: 'staff',
        recordId: id,
        summary: {
          reason: changeReason.trim(),
          ...describeForAudit(content, catalogue),
          homeChanged: changed.homeCompoundHash !== row.homeCompoundHash,
          phoneChanged: decryptField(ctx.keys, changed.phoneEnc) !== decryptField(ctx.keys, row.phoneEnc),
        },
      });
    }),
  );
  return (await loadStaffMember(ctx, id, on)).view;
}

/** Takes someone off the roster (they left, or were entered twice), with the reason; audited. */
export async function removeStaff(ctx: Context, id: string, reason: string) {
  const { row } = await loadStaffMember(ctx, id, todayInShanghai());
  await ctx.db.transaction().execute(async (trx) => {
    await deleteStaffRow(trx, id);
    await audit(ctx, trx, {
      action: 'staff.removed',
      recordType: 'staff',
      recordId: id,
      summary: { reason: reason.trim(), posts: row.posts },
    });
  });
}

const COLUMNS: Record<string, string> = Object.fromEntries(
  STAFF_FILE_COLUMNS.flatMap(([key, zh]) => [
    [key, key],
    [zh, key],
  ]),
);
const POST_SEPARATORS = /[、,，;；/\s]+/;

/**
 * Imports roster rows from CSV or XLSX. Every bad row is named with its line and field; nothing
 * is imported unless all rows are good, or `partial` asks for the good ones anyway.
 */
export async function importStaff(ctx: Context, table: Table, partial: boolean) {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'staff.manage', { orgId });
  const keys = table.header.map((h) => COLUMNS[h.trim()]);
  const needed = ['name', 'branchCode', 'posts', 'phone', 'streetCode', 'compound'];
  if (needed.some((k) => !keys.includes(k)))
    throw staffError('staff.import_invalid', {
      problems: [
        {
          line: 1,
          field: 'header',
          reason: 'needs the columns name, branchCode, posts, phone, streetCode and compound',
          reasonZh: '须有姓名、网点编码、岗位、手机、街道代码和小区六列',
        },
      ],
    });
  const catalogue = await loadCatalogue(ctx, orgId);
  const good: StaffInput[] = [];
  const problems: RowProblem[] = [];
  const usernames = new Set<string>();
  for (const [index, { line, cells }] of table.rows.entries()) {
    if (index % 1000 === 999) await yieldToEventLoop();
    const cell = (key: string) => {
      const column = Object.keys(cells).find((c) => COLUMNS[c.trim()] === key);
      return column === undefined ? '' : (cells[column] ?? '').trim();
    };
    const branch = catalogue.branchByCode.get(cell('branchCode'));
    if (!branch) {
      problems.push({ line, field: 'branchCode', reason: 'no such branch of your institution', reasonZh: '本机构没有这个网点编码' });
      continue;
    }
    const posts = cell('posts')
      .split(POST_SEPARATORS)
      .filter(Boolean)
      .map((p) => catalogue.postByName.get(p) ?? p);
    const raw: StaffInput = {
      name: cell('name'),
      branchId: branch.id,
      posts,
      phone: cell('phone'),
      home: {
        streetCode: cell('streetCode'),
        compound: cell('compound'),
        ...(cell('committeeCode') ? { committeeCode: cell('committeeCode') } : {}),
      },
      ...(cell('username') ? { username: cell('username') } : {}),
    };
    const found = checkRow(StaffInputSchema, line, raw as unknown as Record<string, unknown>);
    const problem = found ? undefined : checkStaff(raw, catalogue);
    if (found) problems.push(found);
    else if (problem) problems.push(toRowProblem(line, problem));
    else if (raw.username !== undefined && usernames.has(raw.username))
      problems.push({ line, field: 'username', reason: 'this user is on an earlier row', reasonZh: '该用户已在前面的行中' });
    else {
      if (raw.username !== undefined) usernames.add(raw.username);
      good.push(raw);
    }
  }
  if (problems.length > 0 && !partial) throw staffError('staff.import_invalid', describeRejects(table, problems));
  await writeUnlessUserTaken(() =>
    ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < good.length; i += 500) {
        if (i > 0) await yieldToEventLoop();
        await insertStaffRows(
          trx,
          good.slice(i, i + 500).map((s) => toStaffRow(ctx, createId(), orgId, s, catalogue)),
        );
      }
      await audit(ctx, trx, { action: 'staff.imported', recordType: 'staff', summary: { count: good.length, rejected: problems.length } });
    }),
  );
  return { imported: good.length, ...describeRejects(table, problems) };
}

/** The roster as on screen (masked), as CSV or XLSX, with the count; audited as an export. */
export async function exportStaff(ctx: Context, format: 'csv' | 'xlsx', on: string): Promise<Buffer | string> {
  const staff = await listStaff(ctx, { on });
  const own = await selectOwnPosts(ctx.db, actorOrgId(ctx));
  const postName = (p: string) => describePost(p, own, 'zh');
  const rows: unknown[][] = [
    ['网点', '姓名', '岗位', '手机', '街道', '小区', `${on}是否封控在家`, '所在管控区域'],
    ...staff.map((s) => [
      s.branchName,
      s.name,
      s.posts.map(postName).join('、'),
      s.phone,
      s.home.streetName,
      s.home.compound,
      s.lockedIn ? '是' : '否',
      s.zoneName ?? '',
    ]),
    [`共 ${staff.length} 人，封控在家 ${staff.filter((s) => s.lockedIn).length} 人`],
  ];
  await audit(ctx, ctx.db, { action: 'staff.exported', recordType: 'staff', summary: { format, count: staff.length } });
  if (format === 'csv') return writeCsv(rows);
  const workbook = await createWorkbook();
  const sheet = workbook.addWorksheet('员工名册');
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function listOwnPosts(ctx: Context): Promise<StaffPostView[]> {
  await assertCan(ctx, 'staff.read', {});
  return selectOwnPosts(ctx.db, actorOrgId(ctx));
}

/** Adds a post of the institution's own to the standard ones; audited. */
export async function addOwnPost(ctx: Context, input: StaffPostInput): Promise<StaffPostView> {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'staff.manage', { orgId });
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await insertOwnPost(trx, { orgId, ...input }))) throw staffError('staff.post_taken', { field: 'code' });
    await audit(ctx, trx, { action: 'staff.post_added', recordType: 'staff_post', recordId: input.code, summary: { ...input } });
  });
  return input;
}

/** Roster entries named by their branch in the audit trail: a person's name is personal data. */
export const nameStaffEntries: RecordNamer = async (db, ids) => {
  const rows = await selectStaffBranches(db, ids);
  const branches = await nameBranches(db, [...new Set(rows.map((r) => r.branchId))]);
  return new Map(rows.map((r) => [r.id, `${branches.get(r.branchId) ?? ''}员工`]));
};
