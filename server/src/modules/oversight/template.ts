import { createHash } from 'node:crypto';
import { formatYuan, parseYuan, type ReportFormDetail, type ReportFormView, type ReportInput, type ReportValues } from '@shouhu/common';
import { validationError } from '../../errors.ts';
import { createWorkbook } from '../../platform/files.ts';
import type { Table } from '../../platform/table-import.ts';
import { oversightError } from './errors.ts';

// The template's columns; its rows are the form's fields, then who prepared it and who answers for it.
const KEY = '字段代码';
const LABEL = '项目';
const VALUE = '填报值';
const FORM_ROW = '_form';
const CHECK_ROW = '_check';
const PREPARER = 'preparer';
const RESPONSIBLE = 'responsible';

/** A fingerprint of the form's rows: a template with rows added, removed or renamed no longer matches. */
const fingerprint = (form: Pick<ReportFormView, 'fields'>) =>
  createHash('sha256')
    .update(JSON.stringify(form.fields.map((f) => [f.key, f.label, f.type])))
    .digest('hex')
    .slice(0, 16);

const HINTS: Record<string, string> = {
  count: '整数',
  amount: '金额，单位元，可有两位小数',
  number: '数值',
  text: '文字',
  date: '日期，如 2022-04-15',
};

/** The form as an XLSX template to fill in offline and upload: one row per field, values in column C. */
export async function renderReportTemplate(form: ReportFormDetail, values?: ReportValues): Promise<Buffer> {
  const workbook = await createWorkbook();
  const sheet = workbook.addWorksheet('报表');
  sheet.columns = [
    { header: KEY, key: 'key', width: 18 },
    { header: LABEL, key: 'label', width: 36 },
    { header: VALUE, key: 'value', width: 24 },
    { header: '说明', key: 'hint', width: 40 },
  ];
  sheet.addRow({ key: FORM_ROW, label: '报表编号（请勿改动）', value: form.id, hint: `${form.documentNumber} ${form.title}` });
  sheet.addRow({ key: CHECK_ROW, label: '模板校验（请勿改动）', value: fingerprint(form) });
  for (const f of form.fields) {
    const v = values?.[f.key];
    const shown =
      v === undefined || v === null ? '' : f.type === 'amount' && typeof v === 'number' ? formatYuan(v).replace(/,/g, '') : String(v);
    const row = sheet.addRow({
      key: f.key,
      label: `${f.label}${f.required ? '（必填）' : ''}`,
      value: shown,
      hint: f.type === 'choice' ? `从以下选项中填写一项：${(f.choices ?? []).join('、')}` : HINTS[f.type],
    });
    // Text cells: what is typed is read back as typed (no dates turned into serial numbers).
    row.getCell(3).numFmt = '@';
  }
  sheet.addRow({ key: PREPARER, label: '填表人（必填）', value: '' }).getCell(3).numFmt = '@';
  sheet.addRow({ key: RESPONSIBLE, label: '负责人（必填）', value: '' }).getCell(3).numFmt = '@';
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The report in an uploaded template: refused as another form's or as altered when its form row or
 * fingerprint does not match; each value read by its field's type, a bad one named by its line.
 */
export function readReportTemplate(form: ReportFormView, table: Table): ReportInput {
  if (!table.header.includes(KEY) || !table.header.includes(VALUE)) throw oversightError('report.template_altered');
  const rows = new Map(table.rows.map((r) => [r.cells[KEY] ?? '', r]));
  const formId = rows.get(FORM_ROW)?.cells[VALUE];
  if (!formId) throw oversightError('report.template_altered');
  if (formId !== form.id) throw oversightError('report.wrong_form');
  const keys = table.rows
    .map((r) => r.cells[KEY])
    .filter((k) => k && k !== FORM_ROW && k !== CHECK_ROW && k !== PREPARER && k !== RESPONSIBLE);
  if (rows.get(CHECK_ROW)?.cells[VALUE] !== fingerprint(form) || keys.join('|') !== form.fields.map((f) => f.key).join('|'))
    throw oversightError('report.template_altered');
  const values: ReportValues = {};
  const problems: Parameters<typeof validationError>[0] = [];
  for (const f of form.fields) {
    const row = rows.get(f.key);
    const text = (row?.cells[VALUE] ?? '').trim();
    if (text === '') {
      values[f.key] = null;
      continue;
    }
    const bad = (zh: string, en: string) =>
      problems.push({
        field: `file.line.${row?.line}`,
        reason: 'invalid',
        message: `Line ${row?.line}: “${f.label}” ${en}`,
        message_zh: `第${row?.line}行：“${f.label}”${zh}`,
      });
    if (f.type === 'count') {
      if (/^\d+$/.test(text.replace(/[,，]/g, ''))) values[f.key] = Number(text.replace(/[,，]/g, ''));
      else bad('须为非负整数', 'must be a whole number');
    } else if (f.type === 'amount') {
      const fen = parseYuan(text);
      if (fen === undefined) bad('须为金额（元，最多两位小数）', 'must be an amount in yuan, at most two decimals');
      else values[f.key] = fen;
    } else if (f.type === 'number') {
      const n = Number(text.replace(/[,，]/g, ''));
      if (Number.isFinite(n)) values[f.key] = n;
      else bad('须为数值', 'must be a number');
    } else values[f.key] = text;
  }
  const preparer = (rows.get(PREPARER)?.cells[VALUE] ?? '').trim();
  const responsible = (rows.get(RESPONSIBLE)?.cells[VALUE] ?? '').trim();
  if (preparer.length < 2)
    problems.push({ field: 'file.preparer', reason: 'required', message: 'The preparer (填表人) is required', message_zh: '请填写填表人' });
  if (responsible.length < 2)
    problems.push({
      field: 'file.responsible',
      reason: 'required',
      message: 'The responsible person (负责人) is required',
      message_zh: '请填写负责人',
    });
  if (problems.length) throw validationError(problems);
  return { values, preparer, responsible };
}
