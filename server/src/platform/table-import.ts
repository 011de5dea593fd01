import type { FieldProblem, RowProblem } from '@shouhu/common';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { writeCsv } from './csv.ts';
import { explainUnstorableText } from './input.ts';

/** A table read from an uploaded CSV or XLSX file (see readTable). */
export interface Table {
  header: string[];
  rows: { line: number; cells: Record<string, string> }[];
}

// The column a rejected-rows file adds; an import does not read it.
const PROBLEM_COLUMN = '问题 problem';

type SchemaError = { keyword: string; instancePath: string; params: Record<string, unknown>; message: string };

function explainInChinese(error: SchemaError): string {
  const p = error.params;
  switch (error.keyword) {
    case 'required':
      return '缺少必填项';
    case 'type':
      return p.type === 'number' || p.type === 'integer' ? '应为数字' : p.type === 'boolean' ? '应为“是”或“否”' : '类型不正确';
    case 'enum':
      return `应为以下之一：${(p.allowedValues as unknown[]).join('、')}`;
    case 'format':
      return p.format === 'date' ? '日期格式应为 YYYY-MM-DD' : '格式不正确';
    case 'pattern':
      return '格式不正确';
    case 'minimum':
    case 'exclusiveMinimum':
      return `不能小于${p.limit}`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `不能大于${p.limit}`;
    case 'minLength':
      return p.limit === 1 ? '不能为空' : `至少 ${p.limit} 个字符`;
    case 'maxLength':
      return `最多 ${p.limit} 个字符`;
    case 'minItems':
      return `至少 ${p.limit} 项`;
    case 'additionalProperties':
      return '含有无法识别的内容';
    default:
      return '内容不正确';
  }
}

/** A yes/no cell as people fill them in: 是, yes, true or 1 mean yes; anything else no. */
export const isYesCell = (cell: string): boolean => ['1', 'true', '是', 'yes'].includes(cell.trim().toLowerCase());

// Compiled once per schema: the interpreted check took 5.8 s of the event loop for 50,000 rows.
const compiled = new WeakMap<TSchema, ReturnType<typeof Compile>>();
const checkerOf = (schema: TSchema) => {
  let checker = compiled.get(schema);
  if (!checker) {
    checker = Compile(schema);
    compiled.set(schema, checker);
  }
  return checker;
};

/** The first thing wrong with a row against its schema, by field, in both languages; none when it fits. */
export function checkRow(schema: TSchema, line: number, raw: Record<string, unknown>): RowProblem | undefined {
  for (const [field, value] of Object.entries(raw)) {
    if (typeof value === 'string' && explainUnstorableText(value))
      return {
        line,
        field,
        reason: 'contains a character that cannot be stored (NUL or unpaired surrogate)',
        reasonZh: '含有无法保存的字符',
      };
  }
  if (checkerOf(schema).Check(raw)) return undefined;
  const [error] = Value.Errors(schema, raw) as unknown as SchemaError[];
  if (!error) return undefined;
  const field =
    error.instancePath.replace(/^\//, '').split('/')[0] || String((error.params.requiredProperties as string[] | undefined)?.[0] ?? 'row');
  return { line, field, reason: error.message, reasonZh: explainInChinese(error) };
}

/**
 * The rows that were not imported, as the user sent them plus a column saying what is wrong:
 * CSV, UTF-8 with a byte-order mark so that Excel opens the Chinese right. Fixed and sent again,
 * the file imports as it is (the problem column is ignored).
 */
export function writeRejectedRows(table: Table, problems: RowProblem[]): string | null {
  if (problems.length === 0) return null;
  const byLine = Map.groupBy(problems, (p) => p.line);
  const rows = table.rows
    .filter((r) => byLine.has(r.line))
    .map((r) => [
      ...table.header.map((h) => r.cells[h] ?? ''),
      (byLine.get(r.line) ?? []).map((p) => `第${p.line}行 ${p.field}：${p.reasonZh}（${p.reason}）`).join('；'),
    ]);
  return writeCsv([[...table.header, PROBLEM_COLUMN], ...rows]);
}

/** An answer lists this many problems at most; the rejected-rows file holds every one. */
export const MAX_LISTED_PROBLEMS = 100;

/** A field's problem (as one entered by hand would get it) as the problem of an imported row. */
export const toRowProblem = (line: number, p: FieldProblem): RowProblem => ({
  line,
  field: p.field,
  reason: p.message,
  reasonZh: p.message_zh,
});

/** The rows an import did not take, as its answer (or its error's details) gives them. */
export function describeRejects(table: Table, problems: RowProblem[]) {
  return {
    problems: problems.slice(0, MAX_LISTED_PROBLEMS),
    problemCount: problems.length,
    rejectedCsv: writeRejectedRows(table, problems),
  };
}
