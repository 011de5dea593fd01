import { type Static, Type } from 'typebox';
import type { ADJUSTMENT_REASONS } from './branches.ts';

/**
 * Incident reports (突发事件信息报告, C0): what an institution tells its supervisor of an event that
 * disrupts its service, in an initial report (初报), follow-ups (续报) and a result report
 * (处理结果报告). Contents after 银保监发〔2019〕29号: place, time, cause, nature and level, amounts,
 * people, harm and scope, measures, the signing officer and a contact.
 */

export const INCIDENT_LEVELS = ['especially_serious', 'serious', 'major', 'general'] as const;
export type IncidentLevel = (typeof INCIDENT_LEVELS)[number];
export const INCIDENT_LEVEL_LABELS: Record<IncidentLevel, { zh: string; en: string }> = {
  especially_serious: { zh: '特别重大', en: 'Especially serious' },
  serious: { zh: '重大', en: 'Serious' },
  major: { zh: '较大', en: 'Major' },
  general: { zh: '一般', en: 'General' },
};

export const INCIDENT_CATEGORIES = ['public_health', 'natural_disaster', 'accident', 'security', 'operations', 'other'] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];
export const INCIDENT_CATEGORY_LABELS: Record<IncidentCategory, { zh: string; en: string }> = {
  public_health: { zh: '公共卫生事件', en: 'Public-health event' },
  natural_disaster: { zh: '自然灾害', en: 'Natural disaster' },
  accident: { zh: '事故灾难', en: 'Accident' },
  security: { zh: '社会安全事件', en: 'Security event' },
  operations: { zh: '运营中断', en: 'Operations disrupted' },
  other: { zh: '其他', en: 'Other' },
};

export const INCIDENT_REPORT_KINDS = ['initial', 'follow_up', 'result'] as const;
export type IncidentReportKind = (typeof INCIDENT_REPORT_KINDS)[number];
export const INCIDENT_REPORT_KIND_LABELS: Record<IncidentReportKind, { zh: string; en: string }> = {
  initial: { zh: '初报', en: 'Initial report' },
  follow_up: { zh: '续报', en: 'Follow-up' },
  result: { zh: '处理结果报告', en: 'Result report' },
};

/**
 * Hours allowed per level: for the written initial report, counted from when the institution
 * learned of the event, and between reports while it is open. Defaults after the rule: especially
 * serious in writing within 1 hour, the others within 24; follow-ups daily for the two gravest
 * levels, weekly for the others.
 */
export const DEFAULT_INCIDENT_DEADLINES: Record<IncidentLevel, { initialHours: number; followUpHours: number }> = {
  especially_serious: { initialHours: 1, followUpHours: 24 },
  serious: { initialHours: 24, followUpHours: 24 },
  major: { initialHours: 24, followUpHours: 168 },
  general: { initialHours: 24, followUpHours: 168 },
};

/**
 * Closures for these reasons are a public-health event's: a staff shortage in this platform is
 * one of staff sealed in at home. An institution that closes PROPOSAL_BRANCHES or more branches for
 * PROPOSAL_DAYS days or more for them is proposed an incident report (after the Guangdong rule).
 */
export const PUBLIC_HEALTH_REASONS: readonly (typeof ADJUSTMENT_REASONS)[number][] = ['lockdown_zone', 'protection_measures', 'staffing'];
export const PROPOSAL_BRANCHES = 5;
export const PROPOSAL_DAYS = 3;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

/** One report's contents: each report restates the whole picture as it stands then. */
export const IncidentReportInput = Type.Object(
  {
    title: Text(120),
    level: Type.Enum([...INCIDENT_LEVELS]),
    category: Type.Enum([...INCIDENT_CATEGORIES]),
    occurredAt: Type.String({ format: 'date-time' }),
    place: Text(200),
    cause: Text(2000),
    impact: Type.String({ minLength: 1, maxLength: 4000, description: 'harm, scope and how it is developing' }),
    branchesAffected: Type.Integer({ minimum: 0, maximum: 100_000 }),
    customersAffected: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
    amountFen: Type.Integer({ minimum: 0, maximum: 1e15, description: 'money involved, in fen' }),
    measuresTaken: Text(4000),
    measuresPlanned: Type.String({ maxLength: 4000 }),
    signingOfficer: Type.String({ minLength: 2, maxLength: 40, description: '签发人' }),
    contactName: Type.String({ minLength: 2, maxLength: 40 }),
    contactPhone: Type.String({ pattern: '^[0-9][0-9\\- ]{6,19}$', description: 'a mobile or a landline with its area code' }),
  },
  { additionalProperties: false },
);
export type IncidentReportInput = Static<typeof IncidentReportInput>;

/** A new incident: when the institution learned of it (the clock starts there), and its initial report. */
export const IncidentInput = Type.Object(
  {
    learnedAt: Type.String({ format: 'date-time', description: 'when the institution learned of the event' }),
    report: IncidentReportInput,
  },
  { additionalProperties: false },
);
export type IncidentInput = Static<typeof IncidentInput>;

export const IncidentFollowUpInput = Type.Object(
  { kind: Type.Enum(['follow_up', 'result']), report: IncidentReportInput },
  { additionalProperties: false },
);
export type IncidentFollowUpInput = Static<typeof IncidentFollowUpInput>;

export const IncidentReportView = Type.Object({
  id: Type.String(),
  kind: Type.Enum([...INCIDENT_REPORT_KINDS]),
  filedAt: Type.String({ format: 'date-time' }),
  filedBy: Nullable(Type.String()),
  late: Type.Boolean(),
  /** The contents, the contact phone masked. */
  contents: IncidentReportInput,
});
export type IncidentReportView = Static<typeof IncidentReportView>;

export const IncidentSummary = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  title: Type.String(),
  level: Type.Enum([...INCIDENT_LEVELS]),
  category: Type.Enum([...INCIDENT_CATEGORIES]),
  status: Type.Enum(['open', 'closed']),
  learnedAt: Type.String({ format: 'date-time' }),
  lastFiledAt: Type.String({ format: 'date-time' }),
  reports: Type.Integer(),
  /** The initial report came after its deadline. */
  initialLate: Type.Boolean(),
  /** While open: when the next report is due, and whether that has passed. */
  nextDueAt: Nullable(Type.String({ format: 'date-time' })),
  overdue: Type.Boolean(),
  branchesAffected: Type.Integer(),
  customersAffected: Type.Integer(),
});
export type IncidentSummary = Static<typeof IncidentSummary>;

export const IncidentView = Type.Intersect([
  IncidentSummary,
  Type.Object({ initialDueAt: Type.String({ format: 'date-time' }), items: Type.Array(IncidentReportView) }),
]);
export type IncidentView = Static<typeof IncidentView>;

export const IncidentDeadline = Type.Object(
  {
    level: Type.Enum([...INCIDENT_LEVELS]),
    initialHours: Type.Integer({ minimum: 1, maximum: 720 }),
    followUpHours: Type.Integer({ minimum: 1, maximum: 720 }),
  },
  { additionalProperties: false },
);
export type IncidentDeadline = Static<typeof IncidentDeadline>;

/** The platform's proposal to an institution whose public-health closures pass the threshold. */
export const IncidentProposal = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  branches: Type.Integer(),
  since: Type.String({ format: 'date', description: 'the first day of the earliest of those closures' }),
  branchNames: Type.Array(Type.String()),
});
export type IncidentProposal = Static<typeof IncidentProposal>;
