import { type FormOversight, formatRate } from '@shouhu/common';
import { audit, type Context } from '../../platform/context.ts';
import { neutralizeCell } from '../../platform/csv.ts';
import { createWorkbook } from '../../platform/files.ts';

/** The oversight table as XLSX, one sheet per form with a row per institution and the total; audited as an export. */
export async function exportFormOversight(ctx: Context, forms: FormOversight[]): Promise<Buffer> {
  const workbook = await createWorkbook();
  for (const [i, form] of forms.entries()) {
    // Sheet names: at most 31 characters and unique.
    const sheet = workbook.addWorksheet(`${i + 1} ${form.documentNumber}`.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31));
    sheet.addRow([neutralizeCell(`${form.documentNumber} ${form.title}`)]);
    sheet.addRow(['机构', '应报', '已报', '按时', '逾期', '未报', '退回', '报送率', '按时率']);
    for (const r of [...form.byInstitution, { orgName: '合计', ...form.total }])
      sheet.addRow([
        neutralizeCell(r.orgName),
        r.expected,
        r.received,
        r.onTime,
        r.late,
        r.missing,
        r.returned,
        formatRate(r.received, r.expected),
        formatRate(r.onTime, r.expected),
      ]);
    sheet.getRow(2).font = { bold: true };
    sheet.columns.forEach((c) => {
      c.width = 14;
    });
    (sheet.getColumn(1) as { width: number }).width = 28;
  }
  if (forms.length === 0) workbook.addWorksheet('报送情况').addRow(['暂无报表']);
  await audit(ctx, ctx.db, { action: 'oversight.exported', recordType: 'report_form', summary: { forms: forms.length } });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
