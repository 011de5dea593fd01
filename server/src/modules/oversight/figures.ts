import { FIGURE_LABELS, type FiguresByInstitution, isInstitution } from '@shouhu/common';
import { audit, type Context } from '../../platform/context.ts';
import { neutralizeCell } from '../../platform/csv.ts';
import { listDays, readFigures, readFiguresByOrg, readTrend } from '../../platform/figure-counts.ts';
import { resolvePeriod } from '../../platform/figures.ts';
import { createWorkbook } from '../../platform/files.ts';
import type { FigureQuery, ModuleManifest } from '../../platform/module.ts';
import { listOrganizations } from '../organizations/service.ts';

/** A trend and its export are day by day: a quarter at most, as on the dashboard. */
const MAX_DAYS = 92;

type Asked = { from?: string; to?: string; orgId?: string };

/** The list behind each of the city's figures: every institution's numbers for the period (or the reader's own), and the total. */
export async function listFiguresByInstitution(
  ctx: Context,
  modules: readonly ModuleManifest[],
  asked: Asked,
): Promise<FiguresByInstitution> {
  return collectByInstitution(ctx, modules, await resolvePeriod(ctx, asked, MAX_DAYS));
}

async function collectByInstitution(ctx: Context, modules: readonly ModuleManifest[], query: FigureQuery): Promise<FiguresByInstitution> {
  const institutions = (await listOrganizations(ctx.db, {})).filter(
    (o) => isInstitution(o.kind) && (query.orgId === null || o.id === query.orgId),
  );
  const rows = institutions.map((o) => ({ orgId: o.id, name: o.nameZh, figures: {} as Record<string, Record<string, number>> }));
  const total: Record<string, Record<string, number>> = {};
  for (const m of modules) {
    if (!m.figures) continue;
    const byOrg = await readFiguresByOrg(
      ctx.db,
      m.name,
      m.figures,
      query,
      rows.map((r) => r.orgId),
    );
    for (const r of rows) r.figures[m.name] = byOrg.get(r.orgId) ?? {};
    total[m.name] = await readFigures(ctx.db, m.name, m.figures, query);
  }
  return { from: query.from, to: query.to, institutions: rows, total };
}

/** The city's figures for a period as XLSX: a sheet by institution with the total, and a sheet by day; audited as an export. */
export async function exportCityFigures(ctx: Context, modules: readonly ModuleManifest[], asked: Asked): Promise<Buffer> {
  const query = await resolvePeriod(ctx, asked, MAX_DAYS);
  const list = await collectByInstitution(ctx, modules, query);
  const columns = modules.flatMap((m) => (m.figures ? m.figures.keys.map((key) => ({ name: m.name, key })) : []));
  const header = columns.map(({ name, key }) => `${FIGURE_LABELS[name]?.title.zh ?? name}·${FIGURE_LABELS[name]?.figures[key]?.zh ?? key}`);
  const workbook = await createWorkbook();
  const byOrg = workbook.addWorksheet('按机构');
  byOrg.addRow([`${list.from}至${list.to}`]);
  byOrg.addRow(['机构', ...header]);
  for (const r of list.institutions) byOrg.addRow([neutralizeCell(r.name), ...columns.map(({ name, key }) => r.figures[name]?.[key] ?? 0)]);
  byOrg.addRow(['合计', ...columns.map(({ name, key }) => list.total[name]?.[key] ?? 0)]);
  const byDay = workbook.addWorksheet('按日');
  byDay.addRow(['日期', ...header]);
  const trends = new Map<string, Record<string, number[]>>();
  for (const m of modules) if (m.figures) trends.set(m.name, await readTrend(ctx.db, m.name, m.figures, query));
  for (const [i, day] of listDays(query).entries())
    byDay.addRow([day, ...columns.map(({ name, key }) => trends.get(name)?.[key]?.[i] ?? 0)]);
  for (const sheet of [byOrg, byDay]) {
    sheet.getRow(sheet === byOrg ? 2 : 1).font = { bold: true };
    sheet.columns.forEach((c) => {
      c.width = 16;
    });
    (sheet.getColumn(1) as { width: number }).width = 28;
  }
  await audit(ctx, ctx.db, { action: 'figures.exported', recordType: 'figures', summary: { from: list.from, to: list.to } });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
