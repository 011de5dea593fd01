import { BranchInput, formatWeeklyHours, parseWeeklyHours, type RowProblem } from '@shouhu/common';
import { toColumnName } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { ROWS_PER_YIELD, yieldToEventLoop } from '../../platform/batch.ts';
import { audit, type Context } from '../../platform/context.ts';
import { writeCsv } from '../../platform/csv.ts';
import { createWorkbook } from '../../platform/files.ts';
import { createId } from '../../platform/ids.ts';
import { enqueueJob } from '../../platform/jobs/service.ts';
import type { JobHandler } from '../../platform/jobs/worker.ts';
import { checkRow, describeRejects, isYesCell, type Table } from '../../platform/table-import.ts';
import { branchError } from './errors.ts';
import { announceBranchChange } from './finder.ts';
import { insertBranch, selectBranches, updateBranch } from './repo.ts';
import { placeBranch } from './service.ts';

// One column per field; the Chinese headings are what the export writes, English ones are read too.
const COLUMNS = [
  ['code', '网点编号'],
  ['nameZh', '网点名称'],
  ['nameEn', '英文名称'],
  ['address', '地址'],
  ['streetCode', '街道代码'],
  ['lat', '纬度'],
  ['lng', '经度'],
  ['coordinateSystem', '坐标系'],
  ['services', '业务'],
  ['weeklyHours', '营业时间'],
  ['phone', '电话'],
  ['stepFree', '无障碍'],
] as const;
const FIELD_OF = new Map<string, string>(
  COLUMNS.flatMap(([field, zh]) => [
    [field, field],
    [zh, field],
    [toColumnName(field), field],
  ]),
);

/** Reads the rows into branch inputs, reporting every bad row by line and field; yields to other requests as it goes. */
export async function readBranchRows(table: Table) {
  const good: BranchInput[] = [];
  const problems: RowProblem[] = [];
  for (const [index, { line, cells }] of table.rows.entries()) {
    if (index % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) await yieldToEventLoop();
    const raw: Record<string, unknown> = {};
    let bad: RowProblem | undefined;
    for (const [column, cell] of Object.entries(cells)) {
      const field = FIELD_OF.get(column);
      if (!field || cell === '') continue;
      if (field === 'lat' || field === 'lng') raw[field] = Number(cell);
      else if (field === 'stepFree') raw[field] = isYesCell(cell);
      else if (field === 'services') raw[field] = cell.split(/[,，\s]+/).filter(Boolean);
      else if (field === 'weeklyHours') {
        const parsed = parseWeeklyHours(cell);
        if (parsed.ok) raw[field] = parsed.hours;
        else bad ??= { line, field, reason: parsed.reason, reasonZh: parsed.reasonZh };
      } else raw[field] = cell;
    }
    bad ??= checkRow(BranchInput, line, raw);
    if (!bad) {
      try {
        placeBranch(raw as BranchInput);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        bad = { line, field: 'streetCode', reason: err.message, reasonZh: err.entry.zh };
      }
    }
    if (bad) problems.push(bad);
    else good.push(raw as BranchInput);
  }
  return { good, problems };
}

/**
 * Checks the whole file at once (every bad row, by line), then hands the good rows to a job that
 * writes them in batches with progress; nothing is written when a row is bad, unless `partial`.
 */
export async function startBranchImport(ctx: Context, table: Table, partial: boolean) {
  const orgId = 'orgId' in ctx.actor ? ctx.actor.orgId : '';
  await assertCan(ctx, 'branch.manage', { orgId });
  const { good, problems } = await readBranchRows(table);
  if (problems.length > 0 && !partial) throw branchError('branch.import_invalid', describeRejects(table, problems));
  const jobId = await ctx.db.transaction().execute(async (trx) => {
    const id = await enqueueJob(trx, 'branches.import', { orgId, payload: { orgId, rows: good }, maxAttempts: 3 });
    await audit(ctx, trx, {
      action: 'branch.import_started',
      orgId,
      recordType: 'job',
      recordId: id,
      summary: { rows: good.length, skipped: problems.length },
    });
    return id;
  });
  return { jobId: jobId as string, accepted: good.length, ...describeRejects(table, problems) };
}

/** Inserts new codes and updates known ones, 100 rows a transaction, reporting progress. Re-runnable. */
export const importBranchesJob: JobHandler = async ({ db, job, reportProgress }) => {
  const { orgId, rows } = job.payload as { orgId: string; rows: BranchInput[] };
  const existing = new Map((await selectBranches(db, { orgId })).map((b) => [b.code, b.id]));
  let created = 0;
  let updated = 0;
  for (let i = 0; i < rows.length; i += 100) {
    await db.transaction().execute(async (trx) => {
      const written: string[] = [];
      for (const input of rows.slice(i, i + 100)) {
        const { coordinateSystem: _c, ...fields } = input;
        const place = placeBranch(input);
        const id = existing.get(input.code);
        if (id) {
          await updateBranch(trx, id, { ...fields, ...place });
          written.push(id);
          updated++;
        } else {
          const newId = createId();
          await insertBranch(trx, { ...fields, ...place, id: newId, orgId });
          existing.set(input.code, newId);
          written.push(newId);
          created++;
        }
      }
      await announceBranchChange(trx, { branchIds: written });
    });
    const done = Math.min(rows.length, i + 100);
    await reportProgress((done / rows.length) * 100, `${done} / ${rows.length}`);
    await yieldToEventLoop();
  }
  return { created, updated };
};

/** The institution's branches as CSV (UTF-8 with BOM, for Excel) or XLSX, in the import's columns. */
export async function exportBranches(ctx: Context, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const orgId = 'orgId' in ctx.actor ? ctx.actor.orgId : '';
  await assertCan(ctx, 'branch.read', { orgId });
  const rows = (await selectBranches(ctx.db, { orgId })).map((b) => [
    b.code,
    b.nameZh,
    b.nameEn ?? '',
    b.address,
    b.streetCode,
    b.lat,
    b.lng,
    'wgs84',
    b.services.join(','),
    formatWeeklyHours(b.weeklyHours),
    b.phone ?? '',
    b.stepFree ? '是' : '否',
  ]);
  await audit(ctx, ctx.db, { action: 'branch.exported', orgId, recordType: 'branch', summary: { rows: rows.length, format } });
  const header = COLUMNS.map(([, zh]) => zh);
  if (format === 'csv') return Buffer.from(writeCsv([header, ...rows]), 'utf8');
  const book = await createWorkbook();
  const sheet = book.addWorksheet('网点');
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}
