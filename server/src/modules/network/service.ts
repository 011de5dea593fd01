import {
  BRANCH_STATUS_LABELS,
  type BranchStatus,
  compareText,
  findDivision,
  type NetworkBranch,
  type NetworkSummary,
  SHANGHAI_DISTRICTS,
} from '@shouhu/common';
import { assertCan } from '../../platform/access/hooks.ts';
import { audit, type Context } from '../../platform/context.ts';
import { createWorkbook } from '../../platform/files.ts';
import { selectAdjustmentsOn, selectBranchPlaces } from '../branches/repo.ts';
import { listOrganizations } from '../organizations/service.ts';
import { findBranchFlags } from '../zones/service.ts';

/**
 * Every branch's status on a date: closed or adjusted by an adjustment covering it; flagged when
 * inside a sealed area without a closure yet; otherwise open on its regular hours.
 */
async function classifyBranches(ctx: Context, on: string): Promise<NetworkBranch[]> {
  await assertCan(ctx, 'network.view', {});
  const [places, adjustments, flags, organizations] = await Promise.all([
    selectBranchPlaces(ctx.db, { orgIds: null }),
    selectAdjustmentsOn(ctx.db, on),
    findBranchFlags(ctx, on),
    listOrganizations(ctx.db, {}),
  ]);
  const nameOf = new Map(organizations.map((o) => [o.id, o.nameZh]));
  // By district, then institution: a district's branches of one institution sit together.
  const branches = places
    .map((b) => ({ id: b.id, institution: nameOf.get(b.orgId) ?? '', nameZh: b.nameZh, address: b.address, districtCode: b.districtCode }))
    .sort((a, b) => compareText(a.districtCode, b.districtCode) || compareText(a.institution, b.institution));
  const adjustmentOf = new Map(adjustments.map((a) => [a.branchId, a]));
  const flagOf = new Map(flags.map((f) => [f.branchId, f]));
  return branches.map((b) => {
    const a = adjustmentOf.get(b.id);
    const f = flagOf.get(b.id);
    const status: BranchStatus = a?.closed ? 'closed' : f ? 'flagged' : a ? 'adjusted' : 'open';
    return { ...b, status, note: a?.publicNote ?? (f ? f.zoneName : null) };
  });
}

export async function summarizeNetwork(ctx: Context, on: string): Promise<NetworkSummary> {
  return summarize(await classifyBranches(ctx, on), on);
}

function summarize(rows: NetworkBranch[], on: string): NetworkSummary {
  const byDistrict = Map.groupBy(rows, (r) => r.districtCode);
  return {
    on,
    districts: SHANGHAI_DISTRICTS.map((d) => {
      const list = byDistrict.get(d.code) ?? [];
      const count = (s: BranchStatus) => list.filter((r) => r.status === s).length;
      return {
        districtCode: d.code,
        districtName: d.name,
        total: list.length,
        open: count('open'),
        adjusted: count('adjusted'),
        closed: count('closed'),
        flagged: count('flagged'),
      };
    }),
  };
}

/** The list behind one figure of the chart. */
export async function listNetworkBranches(ctx: Context, on: string, filter: { districtCode?: string; status?: BranchStatus }) {
  return (await classifyBranches(ctx, on)).filter(
    (r) => (!filter.districtCode || r.districtCode === filter.districtCode) && (!filter.status || r.status === filter.status),
  );
}

/** The network as an XLSX workbook: a summary sheet by district and every branch; the export is audited. */
export async function exportNetwork(ctx: Context, on: string): Promise<Buffer> {
  const rows = await classifyBranches(ctx, on);
  const summary = summarize(rows, on);
  const book = await createWorkbook();
  book.creator = 'Shouhu 守沪';
  const sheet = book.addWorksheet('按区汇总');
  sheet.columns = [
    { header: '区 District', key: 'districtName', width: 14 },
    { header: '网点 Branches', key: 'total', width: 14 },
    { header: '正常营业 Open', key: 'open', width: 16 },
    { header: '调整时间 Adjusted', key: 'adjusted', width: 18 },
    { header: '暂停营业 Closed', key: 'closed', width: 16 },
    { header: '封控待处置 Flagged', key: 'flagged', width: 20 },
  ];
  for (const d of summary.districts) sheet.addRow(d);
  // The city's totals under the districts, as a report to the regulator ends.
  const sum = (key: 'total' | 'open' | 'adjusted' | 'closed' | 'flagged') => summary.districts.reduce((n, d) => n + d[key], 0);
  const totals = sheet.addRow({
    districtName: '合计 Total',
    total: sum('total'),
    open: sum('open'),
    adjusted: sum('adjusted'),
    closed: sum('closed'),
    flagged: sum('flagged'),
  });
  totals.font = { bold: true };
  sheet.getRow(1).font = { bold: true };
  const list = book.addWorksheet('网点明细');
  list.columns = [
    { header: '机构', key: 'institution', width: 24 },
    { header: '网点', key: 'nameZh', width: 30 },
    { header: '地址', key: 'address', width: 36 },
    { header: '区', key: 'districtName', width: 12 },
    { header: '区划代码', key: 'districtCode', width: 10 },
    { header: '状态', key: 'status', width: 16 },
    { header: '说明', key: 'note', width: 30 },
  ];
  // Values in Chinese, as the headers: the status by its name, the district by its name too.
  for (const r of rows)
    list.addRow({ ...r, status: BRANCH_STATUS_LABELS[r.status].zh, districtName: findDivision(r.districtCode)?.name ?? r.districtCode });
  list.addRow({ institution: `合计 ${rows.length} 个网点` }).font = { bold: true };
  list.getRow(1).font = { bold: true };
  await audit(ctx, ctx.db, {
    action: 'network.exported',
    recordType: 'branch_network',
    summary: { on, branches: rows.length, format: 'xlsx' },
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
