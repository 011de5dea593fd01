import {
  BULLETIN_SECTION_HEADINGS,
  BULLETIN_SECTIONS,
  type BulletinEditInput,
  type BulletinGenerateInput,
  type BulletinParagraph,
  type BulletinSection,
  type BulletinView,
  formatRate,
  formatYuan,
  isInstitution,
} from '@shouhu/common';
import { validationError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { can } from '../../platform/access/policy.ts';
import { actorUserId, audit, type Context } from '../../platform/context.ts';
import { readFigures, readFiguresByOrg } from '../../platform/figure-counts.ts';
import { createId } from '../../platform/ids.ts';
import type { BulletinFigures, ModuleManifest } from '../../platform/module.ts';
import { listOrganizations } from '../organizations/service.ts';
import { oversightError } from './errors.ts';
import {
  type BulletinRow,
  insertBulletin,
  lockBulletin,
  publishBulletinRow,
  selectBulletin,
  selectBulletins,
  selectReportForms,
  selectReports,
  updateBulletinText,
} from './repo.ts';

const MAX_DAYS = 92;

function toView(row: BulletinRow): BulletinView {
  return {
    ...row,
    generatedAt: new Date(row.generatedAt).toISOString(),
    publishedAt: row.publishedAt ? new Date(row.publishedAt).toISOString() : null,
  };
}

/** The reports received on forms whose periods fall in the bulletin's, with their fields' totals. */
async function writeReportParagraphs(ctx: Context, from: string, to: string): Promise<BulletinParagraph[]> {
  const out: BulletinParagraph[] = [];
  for (const form of await selectReportForms(ctx.db)) {
    const reports = (await selectReports(ctx.db, form.id)).filter((r) => r.status !== 'withdrawn' && r.period >= from && r.period <= to);
    if (reports.length === 0) continue;
    const onTime = reports.filter((r) => !r.late).length;
    const sums = form.fields
      .filter((f) => f.type === 'count' || f.type === 'amount')
      .map((f) => {
        const sum = reports.reduce((s, r) => s + (typeof r.values[f.key] === 'number' ? (r.values[f.key] as number) : 0), 0);
        return `${f.label}${f.type === 'amount' ? `${formatYuan(sum)}元` : sum}`;
      });
    out.push({
      section: 'key_areas',
      text:
        `按照${form.documentNumber}要求，各机构报送《${form.title}》${reports.length}份，按时报送率${formatRate(onTime, reports.length)}` +
        (sums.length ? `，合计${sums.join('，')}。` : '。'),
    });
  }
  return out;
}

/**
 * A draft bulletin for a period: each section of the article's account, its paragraphs written by
 * the capabilities from the period's figures (the city's and each institution's), and the reports'.
 */
export async function generateBulletin(
  ctx: Context,
  modules: readonly ModuleManifest[],
  input: BulletinGenerateInput,
): Promise<BulletinView> {
  await assertCan(ctx, 'bulletin.publish', {});
  if (input.to < input.from) throw validationError([{ field: 'body.to', reason: 'before_start' }]);
  const days = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000 + 1;
  if (days > MAX_DAYS) throw validationError([{ field: 'body.from', reason: 'range_too_long', limit: MAX_DAYS }]);
  const institutions = (await listOrganizations(ctx.db, {})).filter((o) => isInstitution(o.kind));
  const paragraphs: BulletinParagraph[] = [];
  for (const m of modules) {
    if (!m.bulletin || !m.figures) continue;
    const byOrg = await readFiguresByOrg(
      ctx.db,
      m.name,
      m.figures,
      input,
      institutions.map((o) => o.id),
    );
    const figures: BulletinFigures = {
      total: await readFigures(ctx.db, m.name, m.figures, { from: input.from, to: input.to, orgId: null }),
      byInstitution: institutions.map((o) => ({ name: o.nameZh, figures: byOrg.get(o.id) ?? {} })),
    };
    paragraphs.push(...m.bulletin(figures, input));
  }
  paragraphs.push(...(await writeReportParagraphs(ctx, input.from, input.to)));
  const sections: BulletinSection[] = BULLETIN_SECTIONS.map((key) => ({
    key,
    heading: BULLETIN_SECTION_HEADINGS[key].zh,
    text: paragraphs
      .filter((p) => p.section === key)
      .map((p) => p.text)
      .join('\n'),
  }));
  const id = createId();
  await ctx.db.transaction().execute(async (trx) => {
    await insertBulletin(trx, {
      id,
      fromDate: input.from,
      toDate: input.to,
      title: `上海银行业保险业疫情防控金融服务工作简报（${input.from}至${input.to}）`,
      sections,
      generatedBy: actorUserId(ctx),
    });
    await audit(ctx, trx, {
      action: 'bulletin.generated',
      recordType: 'bulletin',
      recordId: id,
      summary: { from: input.from, to: input.to },
    });
  });
  return getBulletin(ctx, id);
}

/** A bulletin: drafts to the regulator only; published ones to anyone. */
export async function getBulletin(ctx: Context, id: string): Promise<BulletinView> {
  const row = await selectBulletin(ctx.db, id);
  if (!row || (row.status !== 'published' && !can(ctx.actor, 'bulletin.publish'))) throw oversightError('bulletin.not_found');
  return toView(row);
}

export async function listBulletins(ctx: Context): Promise<BulletinView[]> {
  return (await selectBulletins(ctx.db, !can(ctx.actor, 'bulletin.publish'))).map(toView);
}

/** The regulator's edit of a draft's title and text; a published bulletin stays as it was published. */
export async function editBulletin(ctx: Context, id: string, input: BulletinEditInput): Promise<BulletinView> {
  await assertCan(ctx, 'bulletin.publish', {});
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockBulletin(trx, id);
    if (!row) throw oversightError('bulletin.not_found');
    if (row.status === 'published') throw oversightError('bulletin.published');
    await updateBulletinText(trx, id, input.title, input.sections);
    await audit(ctx, trx, { action: 'bulletin.edited', recordType: 'bulletin', recordId: id, summary: { title: input.title } });
  });
  return getBulletin(ctx, id);
}

/** Publishes a draft as the year's next issue (第N期), numbered by the year of its period's end. */
export async function publishBulletin(ctx: Context, id: string): Promise<BulletinView> {
  await assertCan(ctx, 'bulletin.publish', {});
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockBulletin(trx, id);
    if (!row) throw oversightError('bulletin.not_found');
    if (row.status === 'published') throw oversightError('bulletin.published');
    const current = (await selectBulletin(trx, id)) as BulletinRow;
    const year = Number(current.to.slice(0, 4));
    const number = await publishBulletinRow(trx, id, year, actorUserId(ctx));
    await audit(ctx, trx, { action: 'bulletin.published', recordType: 'bulletin', recordId: id, summary: { year, number } });
  });
  return getBulletin(ctx, id);
}
