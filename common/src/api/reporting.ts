import { type Static, Type } from 'typebox';
import { addDays, fromLocal } from '../hours/index.ts';
import type { FieldProblemInput } from './fields.ts';

/**
 * The regulator's directives (专项通知) and the report forms (报表) that go with them (C0): what
 * server and console share about them, and the rules both apply to a form and to a report.
 */

export const DIRECTIVE_URGENCIES = ['normal', 'urgent'] as const;
export type DirectiveUrgency = (typeof DIRECTIVE_URGENCIES)[number];
export const DIRECTIVE_URGENCY_LABELS: Record<DirectiveUrgency, { zh: string; en: string }> = {
  normal: { zh: '普通', en: 'Normal' },
  urgent: { zh: '紧急', en: 'Urgent' },
};

/** Who a directive is addressed to: every bank and/or insurer, the institutions with branches in a district, or a list. */
export const DirectiveAddressees = Type.Object(
  {
    kinds: Type.Optional(Type.Array(Type.Enum(['bank', 'insurer']), { uniqueItems: true, maxItems: 2 })),
    districtCode: Type.Optional(Type.String({ pattern: '^3101\\d{2}$' })),
    orgIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { uniqueItems: true, maxItems: 500 })),
  },
  { additionalProperties: false },
);
export type DirectiveAddressees = Static<typeof DirectiveAddressees>;

export const REPORT_FIELD_TYPES = ['count', 'amount', 'number', 'text', 'choice', 'date'] as const;
export type ReportFieldType = (typeof REPORT_FIELD_TYPES)[number];
export const REPORT_FIELD_TYPE_LABELS: Record<ReportFieldType, { zh: string; en: string }> = {
  count: { zh: '整数', en: 'Count' },
  amount: { zh: '金额（元）', en: 'Amount (yuan)' },
  number: { zh: '数值', en: 'Number' },
  text: { zh: '文字', en: 'Text' },
  choice: { zh: '选项', en: 'Choice' },
  date: { zh: '日期', en: 'Date' },
};
const NUMERIC_TYPES: readonly ReportFieldType[] = ['count', 'amount', 'number'];

export const ReportField = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-zA-Z0-9]{0,39}$', description: 'stable name of the field in camelCase, in reports and exports' }),
    label: Type.String({ minLength: 1, maxLength: 60 }),
    type: Type.Enum([...REPORT_FIELD_TYPES]),
    required: Type.Boolean(),
    choices: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 2, maxItems: 30, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type ReportField = Static<typeof ReportField>;

/** Cross-field rules (逻辑审核关系): left ≤ right, left < right, or left = the sum of the parts. */
export const REPORT_RULE_KINDS = ['lte', 'lt', 'eq_sum'] as const;
export type ReportRuleKind = (typeof REPORT_RULE_KINDS)[number];
export const ReportRule = Type.Object(
  {
    kind: Type.Enum([...REPORT_RULE_KINDS]),
    left: Type.String(),
    right: Type.Array(Type.String(), { minItems: 1, maxItems: 30, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type ReportRule = Static<typeof ReportRule>;

export const REPORT_PERIODS = ['once', 'daily', 'weekly', 'monthly'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];
export const REPORT_PERIOD_LABELS: Record<ReportPeriod, { zh: string; en: string }> = {
  once: { zh: '一次性', en: 'Once' },
  daily: { zh: '每日', en: 'Daily' },
  weekly: { zh: '每周', en: 'Weekly' },
  monthly: { zh: '每月', en: 'Monthly' },
};

export const ReportFormInput = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 100 }),
    fields: Type.Array(ReportField, { minItems: 1, maxItems: 60 }),
    rules: Type.Array(ReportRule, { maxItems: 60 }),
    period: Type.Enum([...REPORT_PERIODS]),
    /** The first period's first day, and the last period's (both Shanghai dates). */
    startsOn: Type.String({ format: 'date' }),
    endsOn: Type.String({ format: 'date' }),
    /** Hours after a period's end by which its report is due (a daily form due 10:00 the next day: 10). */
    dueAfterHours: Type.Integer({ minimum: 0, maximum: 24 * 31 }),
  },
  { additionalProperties: false },
);
export type ReportFormInput = Static<typeof ReportFormInput>;

export const DirectiveAction = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 200 }),
    dueOn: Type.String({ format: 'date' }),
  },
  { additionalProperties: false },
);
export type DirectiveAction = Static<typeof DirectiveAction>;

export const DirectiveInput = Type.Object(
  {
    documentNumber: Type.String({ minLength: 3, maxLength: 60, description: 'e.g. 沪银保监办发〔2022〕12号' }),
    title: Type.String({ minLength: 2, maxLength: 120 }),
    body: Type.String({ minLength: 2, maxLength: 20_000 }),
    urgency: Type.Enum([...DIRECTIVE_URGENCIES]),
    addressees: DirectiveAddressees,
    /** Hours within which each institution acknowledges; after them it is flagged and reminded. */
    acknowledgeWithinHours: Type.Integer({ minimum: 1, maximum: 720 }),
    actions: Type.Array(DirectiveAction, { maxItems: 20 }),
    form: Type.Optional(ReportFormInput),
  },
  { additionalProperties: false },
);
export type DirectiveInput = Static<typeof DirectiveInput>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const ReportFormView = Type.Object({
  id: Type.String(),
  directiveId: Type.String(),
  title: Type.String(),
  fields: Type.Array(ReportField),
  rules: Type.Array(ReportRule),
  period: Type.Enum([...REPORT_PERIODS]),
  startsOn: Type.String(),
  endsOn: Type.String(),
  dueAfterHours: Type.Integer(),
});
export type ReportFormView = Static<typeof ReportFormView>;
/** A form with its directive's document number, as its pages head it. */
export const ReportFormDetail = Type.Intersect([ReportFormView, Type.Object({ documentNumber: Type.String() })]);
export type ReportFormDetail = Static<typeof ReportFormDetail>;

export const RecipientView = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  acknowledgedAt: Nullable(Type.String({ format: 'date-time' })),
  acknowledgedBy: Nullable(Type.String({ description: 'who acknowledged, masked name and username' })),
  overdue: Type.Boolean({ description: 'not acknowledged within the hours the directive gave' }),
});
export type RecipientView = Static<typeof RecipientView>;

export const DirectiveView = Type.Object({
  id: Type.String(),
  issuerOrgId: Type.String(),
  issuerName: Type.String(),
  documentNumber: Type.String(),
  title: Type.String(),
  body: Type.String(),
  urgency: Type.Enum([...DIRECTIVE_URGENCIES]),
  addressees: DirectiveAddressees,
  acknowledgeWithinHours: Type.Integer(),
  acknowledgeBy: Type.String({ format: 'date-time' }),
  actions: Type.Array(DirectiveAction),
  issuedAt: Type.String({ format: 'date-time' }),
  form: Nullable(ReportFormView),
  /** Every addressed institution, to the issuer; the own one only, to an institution. */
  recipients: Type.Array(RecipientView),
});
export type DirectiveView = Static<typeof DirectiveView>;

export const DirectiveSummary = Type.Object({
  id: Type.String(),
  documentNumber: Type.String(),
  title: Type.String(),
  urgency: Type.Enum([...DIRECTIVE_URGENCIES]),
  issuerName: Type.String(),
  issuedAt: Type.String({ format: 'date-time' }),
  acknowledgeBy: Type.String({ format: 'date-time' }),
  recipients: Type.Integer(),
  acknowledged: Type.Integer(),
  hasForm: Type.Boolean(),
});
export type DirectiveSummary = Static<typeof DirectiveSummary>;

export const REPORT_STATUSES = ['submitted', 'withdrawn', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus | 'missing' | 'due', { zh: string; en: string }> = {
  submitted: { zh: '已报送', en: 'Submitted' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  accepted: { zh: '已审核通过', en: 'Accepted' },
  returned: { zh: '已退回', en: 'Returned' },
  missing: { zh: '未报送', en: 'Missing' },
  due: { zh: '待报送', en: 'Due' },
};

/** A value as a report holds it: counts and amounts (in fen) as integers, numbers as numbers, the rest as text. */
export const ReportValue = Type.Union([Type.Number(), Type.String({ maxLength: 2000 }), Type.Null()]);
export const ReportValues = Type.Record(Type.String(), ReportValue);
export type ReportValues = Static<typeof ReportValues>;

export const ReportInput = Type.Object(
  {
    values: ReportValues,
    /** 填表人 and 负责人: named on every report. */
    preparer: Type.String({ minLength: 2, maxLength: 40 }),
    responsible: Type.String({ minLength: 2, maxLength: 40 }),
  },
  { additionalProperties: false },
);
export type ReportInput = Static<typeof ReportInput>;

export const ReportView = Type.Object({
  id: Type.String(),
  formId: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  period: Type.String({ description: 'the first day of the period' }),
  status: Type.Enum([...REPORT_STATUSES]),
  values: ReportValues,
  preparer: Type.String(),
  responsible: Type.String(),
  submittedAt: Type.String({ format: 'date-time' }),
  late: Type.Boolean(),
  openedAt: Nullable(Type.String({ format: 'date-time' })),
  reviewComment: Nullable(Type.String()),
  version: Type.Integer(),
});
export type ReportView = Static<typeof ReportView>;

/** One institution's report for one period, as the form's table lists it: the report, or what is missing. */
export const PeriodRow = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  period: Type.String(),
  dueAt: Type.String({ format: 'date-time' }),
  state: Type.Enum([...REPORT_STATUSES, 'missing', 'due']),
  late: Type.Boolean(),
  reopenedUntil: Nullable(Type.String({ format: 'date-time' })),
  reportId: Nullable(Type.String()),
});
export type PeriodRow = Static<typeof PeriodRow>;

/** May the institution report this period now: not yet due, withdrawn or returned, or reopened for it. */
export const isPeriodOpen = (row: Pick<PeriodRow, 'state' | 'reopenedUntil'>): boolean =>
  row.state === 'due' || row.state === 'withdrawn' || row.state === 'returned' || (row.state === 'missing' && row.reopenedUntil !== null);

export const ReviewInput = Type.Object(
  {
    decision: Type.Enum(['accept', 'return']),
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type ReviewInput = Static<typeof ReviewInput>;

/** Expected, received, on time, late, missing and returned: for a form, per institution and in all. */
export const ReportingRates = Type.Object({
  expected: Type.Integer(),
  received: Type.Integer(),
  onTime: Type.Integer(),
  late: Type.Integer(),
  missing: Type.Integer(),
  returned: Type.Integer(),
});
export type ReportingRates = Static<typeof ReportingRates>;

export const FormOversight = Type.Object({
  directiveId: Type.String(),
  formId: Type.String(),
  documentNumber: Type.String(),
  title: Type.String(),
  total: ReportingRates,
  byInstitution: Type.Array(Type.Intersect([Type.Object({ orgId: Type.String(), orgName: Type.String() }), ReportingRates])),
  /** The sums of the numeric fields over accepted and submitted reports, by field key. */
  totals: Type.Record(Type.String(), Type.Number()),
});
export type FormOversight = Static<typeof FormOversight>;

/** Percent of expected reports, one decimal; '—' when none were expected. */
export function formatRate(part: number, expected: number): string {
  return expected === 0 ? '—' : `${Math.round((part / expected) * 1000) / 10}%`;
}

// ---- Periods ----

/** The first day of every period of the form, from its start to its end. */
export function listFormPeriods(form: Pick<ReportFormInput, 'period' | 'startsOn' | 'endsOn'>): string[] {
  const out: string[] = [];
  if (form.period === 'once') return [form.startsOn];
  for (let day = startOfPeriod(form.period, form.startsOn); day <= form.endsOn; day = nextPeriod(form.period, day)) out.push(day);
  return out;
}

function startOfPeriod(period: ReportPeriod, date: string): string {
  if (period === 'weekly') {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return addDays(date, -((weekday + 6) % 7));
  }
  if (period === 'monthly') return `${date.slice(0, 7)}-01`;
  return date;
}

function nextPeriod(period: ReportPeriod, start: string): string {
  if (period === 'daily' || period === 'once') return addDays(start, 1);
  if (period === 'weekly') return addDays(start, 7);
  const [y, m] = start.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The period's last day. A one-off form's period is its whole span. */
export function endOfPeriod(form: Pick<ReportFormInput, 'period' | 'endsOn'>, start: string): string {
  return form.period === 'once' ? form.endsOn : addDays(nextPeriod(form.period, start), -1);
}

/** When a period's report is due: the given hours after the midnight that ends it, Shanghai time. */
export function findPeriodDue(form: Pick<ReportFormInput, 'period' | 'endsOn' | 'dueAfterHours'>, start: string): Date {
  return new Date(fromLocal(addDays(endOfPeriod(form, start), 1), 0).getTime() + form.dueAfterHours * 3_600_000);
}

/** A period's name as people say it: 2022-04-15, 2022-04-11 至 2022-04-17, 2022-04. */
export function describePeriod(form: Pick<ReportFormInput, 'period' | 'endsOn'>, start: string): string {
  if (form.period === 'daily') return start;
  if (form.period === 'monthly') return start.slice(0, 7);
  return `${start} 至 ${endOfPeriod(form, start)}`;
}

// ---- Form rules ----

const fieldProblem = (field: string, zh: string, en: string): FieldProblemInput => ({
  field,
  reason: 'invalid',
  message: en,
  message_zh: zh,
});

/**
 * What is wrong with a form as defined: repeated keys, choices on a field that is not a choice,
 * rules naming unknown or non-numeric fields, and rules that cannot all hold (a total among its
 * own parts, or a cycle of ≤ and < with a strict step in it). Empty when the form is sound.
 */
export function checkReportForm(form: ReportFormInput, path = 'body.form'): FieldProblemInput[] {
  const problems: FieldProblemInput[] = [];
  const byKey = new Map<string, ReportField>();
  form.fields.forEach((f, i) => {
    if (byKey.has(f.key))
      problems.push(fieldProblem(`${path}.fields.${i}.key`, `字段代码“${f.key}”重复`, `The field key “${f.key}” is used twice`));
    byKey.set(f.key, f);
    if (f.type === 'choice' && !f.choices?.length)
      problems.push(
        fieldProblem(`${path}.fields.${i}.choices`, `选项字段“${f.label}”须列出选项`, `The choice field “${f.label}” needs its choices`),
      );
    if (f.type !== 'choice' && f.choices)
      problems.push(fieldProblem(`${path}.fields.${i}.choices`, `只有选项字段可列出选项`, `Only a choice field has choices`));
  });
  if (form.endsOn < form.startsOn) problems.push({ field: `${path}.endsOn`, reason: 'before_start' });
  const edges: { from: string; to: string; strict: boolean }[] = [];
  form.rules.forEach((rule, i) => {
    const at = `${path}.rules.${i}`;
    for (const key of [rule.left, ...rule.right]) {
      const field = byKey.get(key);
      if (!field) problems.push(fieldProblem(at, `规则引用了不存在的字段“${key}”`, `The rule names a field that does not exist: “${key}”`));
      else if (!NUMERIC_TYPES.includes(field.type))
        problems.push(
          fieldProblem(at, `规则只能比较数值字段，“${field.label}”不是`, `Rules compare numeric fields only; “${field.label}” is not one`),
        );
    }
    if (rule.kind !== 'eq_sum' && rule.right.length !== 1)
      problems.push(fieldProblem(at, '比较规则右侧只能有一个字段', 'A comparison has exactly one field on its right'));
    if (rule.right.includes(rule.left))
      problems.push(
        fieldProblem(
          at,
          `“${labelOf(byKey, rule.left)}”不能与自身比较或等于含自身的合计`,
          `“${labelOf(byKey, rule.left)}” cannot be compared with itself or be a total of itself`,
        ),
      );
    if (rule.kind === 'eq_sum') for (const part of rule.right) edges.push({ from: part, to: rule.left, strict: false });
    else edges.push({ from: rule.left, to: rule.right[0] as string, strict: rule.kind === 'lt' });
  });
  // a ≤ b ≤ … ≤ a is an equality; with one < in it nothing can satisfy it.
  const contradiction = findStrictCycle(edges);
  if (contradiction)
    problems.push(
      fieldProblem(
        `${path}.rules`,
        `规则相互矛盾：${contradiction.map((k) => labelOf(byKey, k)).join(' → ')}`,
        `The rules contradict each other: ${contradiction.map((k) => labelOf(byKey, k)).join(' → ')}`,
      ),
    );
  return problems;
}

const labelOf = (byKey: Map<string, ReportField>, key: string) => byKey.get(key)?.label ?? key;

/** A cycle through a strict edge, as the keys along it, when the ≤/< graph has one. */
function findStrictCycle(edges: { from: string; to: string; strict: boolean }[]): string[] | undefined {
  const next = new Map<string, { to: string; strict: boolean }[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e]);
  for (const start of edges.filter((e) => e.strict)) {
    // Is there a path back from the strict edge's end to its start?
    const seen = new Set<string>();
    const path = new Map<string, string>();
    const queue = [start.to];
    seen.add(start.to);
    while (queue.length) {
      const at = queue.shift() as string;
      if (at === start.from) {
        const keys = [at];
        for (let k = at; k !== start.to; k = path.get(k) as string) keys.unshift(path.get(k) as string);
        return [start.from, ...keys];
      }
      for (const e of next.get(at) ?? [])
        if (!seen.has(e.to)) {
          seen.add(e.to);
          path.set(e.to, at);
          queue.push(e.to);
        }
    }
  }
  return undefined;
}

// ---- Report values ----

/** Yuan as people write it ("1,234.56") in fen; undefined when it is not an amount of yuan. */
export function parseYuan(text: string): number | undefined {
  const clean = text.replace(/[,，\s]/g, '');
  if (!/^-?\d{1,13}(\.\d{1,2})?$/.test(clean)) return undefined;
  const [whole, part = ''] = clean.replace('-', '').split('.') as [string, string?];
  const fen = Number(whole) * 100 + Number(part.padEnd(2, '0'));
  return clean.startsWith('-') ? -fen : fen;
}

/** Fen as yuan with two decimals and thousands separators. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * What is wrong with a report's values for its form: each field's type and whether it is required,
 * then every broken rule, named with its fields. Empty when the report can be submitted.
 */
export function checkReportValues(form: Pick<ReportFormView, 'fields' | 'rules'>, values: ReportValues): FieldProblemInput[] {
  const problems: FieldProblemInput[] = [];
  const byKey = new Map(form.fields.map((f) => [f.key, f]));
  for (const key of Object.keys(values))
    if (!byKey.has(key)) problems.push(fieldProblem(`body.values.${key}`, `表中没有字段“${key}”`, `The form has no field “${key}”`));
  for (const f of form.fields) {
    const at = `body.values.${f.key}`;
    const v = values[f.key];
    if (v === undefined || v === null || v === '') {
      if (f.required) problems.push(fieldProblem(at, `请填写“${f.label}”`, `“${f.label}” is required`));
      continue;
    }
    const wrong = (zh: string, en: string) => problems.push(fieldProblem(at, `“${f.label}”${zh}`, `“${f.label}” ${en}`));
    if (f.type === 'count' && !(typeof v === 'number' && Number.isSafeInteger(v) && v >= 0))
      wrong('须为非负整数', 'must be a whole number, not negative');
    if (f.type === 'amount' && !(typeof v === 'number' && Number.isSafeInteger(v)))
      wrong('须为金额（以分计的整数）', 'must be an amount in fen, a whole number');
    if (f.type === 'number' && !(typeof v === 'number' && Number.isFinite(v))) wrong('须为数值', 'must be a number');
    if (f.type === 'text' && typeof v !== 'string') wrong('须为文字', 'must be text');
    if (f.type === 'choice' && !(typeof v === 'string' && f.choices?.includes(v)))
      wrong('须为列出的选项之一', 'must be one of its choices');
    if (f.type === 'date' && !(typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))))
      wrong('须为日期（年-月-日）', 'must be a date (YYYY-MM-DD)');
  }
  if (problems.length) return problems;
  const num = (key: string) => (typeof values[key] === 'number' ? (values[key] as number) : 0);
  for (const rule of form.rules) {
    const left = byKey.get(rule.left)?.label ?? rule.left;
    const rights = rule.right.map((k) => byKey.get(k)?.label ?? k);
    const at = `body.values.${rule.left}`;
    if (rule.kind === 'lte' && !(num(rule.left) <= num(rule.right[0] as string)))
      problems.push(fieldProblem(at, `“${left}”不能大于“${rights[0]}”`, `“${left}” cannot be more than “${rights[0]}”`));
    if (rule.kind === 'lt' && !(num(rule.left) < num(rule.right[0] as string)))
      problems.push(fieldProblem(at, `“${left}”须小于“${rights[0]}”`, `“${left}” must be less than “${rights[0]}”`));
    if (rule.kind === 'eq_sum') {
      const sum = rule.right.reduce((s, k) => s + num(k), 0);
      if (Math.abs(num(rule.left) - sum) > 1e-9)
        problems.push(
          fieldProblem(
            at,
            `“${left}”应等于${rights.map((r) => `“${r}”`).join('＋')}之和`,
            `“${left}” must equal the sum of ${rights.map((r) => `“${r}”`).join(' + ')}`,
          ),
        );
    }
  }
  return problems;
}

/** The numeric fields of a form, whose totals the oversight dashboard and the bulletin add up. */
export const listNumericFields = (form: Pick<ReportFormView, 'fields'>) => form.fields.filter((f) => NUMERIC_TYPES.includes(f.type));

/** Hours as people say them: whole days in days ("2 天"), otherwise hours ("36 小时"). */
export function describeHours(hours: number, lang: 'zh' | 'en'): string {
  if (hours % 24 === 0) return lang === 'zh' ? `${hours / 24} 天` : `${hours / 24} day${hours === 24 ? '' : 's'}`;
  return lang === 'zh' ? `${hours} 小时` : `${hours} hour${hours === 1 ? '' : 's'}`;
}
