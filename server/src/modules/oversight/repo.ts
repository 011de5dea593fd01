import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

const DIRECTIVE_COLUMNS = [
  'id',
  'issuerOrgId',
  'documentNumber',
  'title',
  'body',
  'urgency',
  'addressees',
  'acknowledgeWithinHours',
  'actions',
  'issuedAt',
] as const;

export async function insertDirective(
  db: Db,
  row: {
    id: string;
    issuerOrgId: string;
    documentNumber: string;
    title: string;
    body: string;
    urgency: 'normal' | 'urgent';
    addressees: unknown;
    acknowledgeWithinHours: number;
    actions: unknown;
    issuedAt: Date;
    issuedBy: string | null;
  },
  orgIds: string[],
) {
  await db
    .insertInto('directives')
    .values({ ...row, addressees: JSON.stringify(row.addressees), actions: JSON.stringify(row.actions) })
    .execute();
  await db
    .insertInto('directiveRecipients')
    .values(orgIds.map((orgId) => ({ directiveId: row.id, orgId })))
    .execute();
}

export function isDocumentNumberTaken(db: Db, issuerOrgId: string, documentNumber: string) {
  return db
    .selectFrom('directives')
    .select('id')
    .where('issuerOrgId', '=', issuerOrgId)
    .where('documentNumber', '=', documentNumber)
    .executeTakeFirst();
}

export function selectDirective(db: Db, id: string) {
  return db.selectFrom('directives').select(DIRECTIVE_COLUMNS).where('id', '=', id).executeTakeFirst();
}
export type DirectiveRow = NonNullable<Awaited<ReturnType<typeof selectDirective>>>;

/** Directives issued by an organisation, or addressed to one, newest first, with their acknowledgement counts. */
export function selectDirectives(db: Db, scope: { issuerOrgId?: string; recipientOrgId?: string }) {
  return db
    .selectFrom('directives as d')
    .select([
      'd.id',
      'd.documentNumber',
      'd.title',
      'd.urgency',
      'd.issuerOrgId',
      'd.issuedAt',
      'd.acknowledgeWithinHours',
      (eb) =>
        eb
          .selectFrom('directiveRecipients as r')
          .select((e) => e.fn.countAll<string>().as('n'))
          .whereRef('r.directiveId', '=', 'd.id')
          .as('recipients'),
      (eb) =>
        eb
          .selectFrom('directiveRecipients as r')
          .select((e) => e.fn.countAll<string>().as('n'))
          .whereRef('r.directiveId', '=', 'd.id')
          .where('r.acknowledgedAt', 'is not', null)
          .as('acknowledged'),
      (eb) => eb.exists(eb.selectFrom('reportForms as f').select('f.id').whereRef('f.directiveId', '=', 'd.id')).as('hasForm'),
    ])
    .$if(scope.issuerOrgId !== undefined, (q) => q.where('d.issuerOrgId', '=', scope.issuerOrgId as string))
    .$if(scope.recipientOrgId !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('directiveRecipients as r')
            .select('r.orgId')
            .whereRef('r.directiveId', '=', 'd.id')
            .where('r.orgId', '=', scope.recipientOrgId as string),
        ),
      ),
    )
    .orderBy('d.issuedAt', 'desc')
    .limit(500)
    .execute();
}

export function selectRecipients(db: Db, directiveId: string) {
  return db
    .selectFrom('directiveRecipients')
    .select(['orgId', 'acknowledgedAt', 'acknowledgedBy', 'remindedAt'])
    .where('directiveId', '=', directiveId)
    .execute();
}

/** Marks the acknowledgement once; answers whether this call made it. */
export async function markAcknowledged(db: Db, directiveId: string, orgId: string, userId: string | null, at: Date) {
  const result = await db
    .updateTable('directiveRecipients')
    .set({ acknowledgedAt: at, acknowledgedBy: userId })
    .where('directiveId', '=', directiveId)
    .where('orgId', '=', orgId)
    .where('acknowledgedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Recipients still to acknowledge after their directive's hours, not yet reminded. */
export function selectUnacknowledgedPastDue(db: Db, now: Date) {
  return db
    .selectFrom('directiveRecipients as r')
    .innerJoin('directives as d', 'd.id', 'r.directiveId')
    .select(['r.directiveId', 'r.orgId', 'd.documentNumber', 'd.title'])
    .where('r.acknowledgedAt', 'is', null)
    .where('r.remindedAt', 'is', null)
    .where(sql<boolean>`d.issued_at + d.acknowledge_within_hours * interval '1 hour' < ${now}`)
    .limit(1000)
    .execute();
}

export async function markReminded(db: Db, directiveId: string, orgId: string, at: Date) {
  await db
    .updateTable('directiveRecipients')
    .set({ remindedAt: at })
    .where('directiveId', '=', directiveId)
    .where('orgId', '=', orgId)
    .execute();
}

const FORM_COLUMNS = [
  'id',
  'directiveId',
  'title',
  'fields',
  'rules',
  'period',
  day('starts_on').as('startsOn'),
  day('ends_on').as('endsOn'),
  'dueAfterHours',
] as const;

export async function insertReportForm(
  db: Db,
  row: {
    id: string;
    directiveId: string;
    title: string;
    fields: unknown;
    rules: unknown;
    period: 'once' | 'daily' | 'weekly' | 'monthly';
    startsOn: string;
    endsOn: string;
    dueAfterHours: number;
  },
) {
  await db
    .insertInto('reportForms')
    .values({ ...row, fields: JSON.stringify(row.fields), rules: JSON.stringify(row.rules) })
    .execute();
}

export function selectReportForm(db: Db, id: string) {
  return db.selectFrom('reportForms').select(FORM_COLUMNS).where('id', '=', id).executeTakeFirst();
}
export function selectFormOfDirective(db: Db, directiveId: string) {
  return db.selectFrom('reportForms').select(FORM_COLUMNS).where('directiveId', '=', directiveId).executeTakeFirst();
}
/** Every form, with its directive's number and title, newest directive first. */
export function selectReportForms(db: Db, issuerOrgId?: string) {
  return db
    .selectFrom('reportForms as f')
    .innerJoin('directives as d', 'd.id', 'f.directiveId')
    .select([
      'f.id',
      'f.directiveId',
      'f.title',
      'f.fields',
      'f.rules',
      'f.period',
      day('f.starts_on').as('startsOn'),
      day('f.ends_on').as('endsOn'),
      'f.dueAfterHours',
      'd.documentNumber',
      'd.issuerOrgId',
    ])
    .$if(issuerOrgId !== undefined, (q) => q.where('d.issuerOrgId', '=', issuerOrgId as string))
    .orderBy('d.issuedAt', 'desc')
    .execute();
}
export type ReportFormRow = NonNullable<Awaited<ReturnType<typeof selectReportForm>>>;

const REPORT_COLUMNS = [
  'id',
  'formId',
  'orgId',
  day('period').as('period'),
  'status',
  'values',
  'preparer',
  'responsible',
  'submittedAt',
  'late',
  'openedAt',
  'reviewComment',
  'version',
] as const;

export function selectReport(db: Db, id: string) {
  return db.selectFrom('reports').select(REPORT_COLUMNS).where('id', '=', id).executeTakeFirst();
}
export type ReportRow = NonNullable<Awaited<ReturnType<typeof selectReport>>>;

export function selectReportFor(db: Db, formId: string, orgId: string, period: string) {
  return db
    .selectFrom('reports')
    .select(REPORT_COLUMNS)
    .where('formId', '=', formId)
    .where('orgId', '=', orgId)
    .where('period', '=', period)
    .forUpdate()
    .executeTakeFirst();
}

/** The reports of a form (of one institution when asked). */
export function selectReports(db: Db, formId: string, orgId?: string) {
  return db
    .selectFrom('reports')
    .select(REPORT_COLUMNS)
    .where('formId', '=', formId)
    .$if(orgId !== undefined, (q) => q.where('orgId', '=', orgId as string))
    .execute();
}

export async function insertReport(
  db: Db,
  row: {
    id: string;
    formId: string;
    orgId: string;
    period: string;
    values: unknown;
    preparer: string;
    responsible: string;
    submittedAt: Date;
    submittedBy: string | null;
    late: boolean;
  },
) {
  await db
    .insertInto('reports')
    .values({ ...row, status: 'submitted', values: JSON.stringify(row.values), version: 1 })
    .execute();
}

export async function updateReport(
  db: Db,
  id: string,
  set: {
    status?: 'submitted' | 'withdrawn' | 'accepted' | 'returned';
    values?: unknown;
    preparer?: string;
    responsible?: string;
    submittedAt?: Date;
    submittedBy?: string | null;
    late?: boolean;
    openedAt?: Date | null;
    reviewedAt?: Date;
    reviewedBy?: string | null;
    reviewComment?: string | null;
    version?: number;
  },
) {
  const { values, ...rest } = set;
  await db
    .updateTable('reports')
    .set({ ...rest, ...(values === undefined ? {} : { values: JSON.stringify(values) }) })
    .where('id', '=', id)
    .execute();
}

/** The first open of a submitted report by the regulator: from then on it cannot be withdrawn. */
export async function markOpened(db: Db, id: string, at: Date) {
  await db.updateTable('reports').set({ openedAt: at }).where('id', '=', id).where('openedAt', 'is', null).execute();
}

export function selectReopening(db: Db, formId: string, orgId: string, period: string) {
  return db
    .selectFrom('reportReopenings')
    .select(['until', 'reason'])
    .where('formId', '=', formId)
    .where('orgId', '=', orgId)
    .where('period', '=', period)
    .executeTakeFirst();
}
export function selectReopenings(db: Db, formId: string) {
  return db
    .selectFrom('reportReopenings')
    .select(['orgId', day('period').as('period'), 'until'])
    .where('formId', '=', formId)
    .execute();
}

export async function upsertReopening(
  db: Db,
  row: { formId: string; orgId: string; period: string; until: Date; reopenedBy: string | null; reason: string },
) {
  await db
    .insertInto('reportReopenings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['formId', 'orgId', 'period']).doUpdateSet({ until: row.until, reopenedBy: row.reopenedBy, reason: row.reason }),
    )
    .execute();
}

const BULLETIN_COLUMNS = [
  'id',
  day('from_date').as('from'),
  day('to_date').as('to'),
  'title',
  'sections',
  'status',
  'year',
  'number',
  'generatedAt',
  'publishedAt',
] as const;

export async function insertBulletin(
  db: Db,
  row: { id: string; fromDate: string; toDate: string; title: string; sections: unknown; generatedBy: string | null },
) {
  await db
    .insertInto('bulletins')
    .values({ ...row, sections: JSON.stringify(row.sections), status: 'draft', generatedAt: new Date() })
    .execute();
}
export function selectBulletin(db: Db, id: string) {
  return db.selectFrom('bulletins').select(BULLETIN_COLUMNS).where('id', '=', id).executeTakeFirst();
}
export type BulletinRow = NonNullable<Awaited<ReturnType<typeof selectBulletin>>>;
export function selectBulletins(db: Db, publishedOnly: boolean) {
  return db
    .selectFrom('bulletins')
    .select(BULLETIN_COLUMNS)
    .$if(publishedOnly, (q) => q.where('status', '=', 'published'))
    .orderBy('generatedAt', 'desc')
    .limit(200)
    .execute();
}
export async function updateBulletinText(db: Db, id: string, title: string, sections: unknown) {
  await db
    .updateTable('bulletins')
    .set({ title, sections: JSON.stringify(sections) })
    .where('id', '=', id)
    .execute();
}
/** Publishes as the year's next number (the row is locked by the caller's transaction). */
export async function publishBulletinRow(db: Db, id: string, year: number, userId: string | null): Promise<number> {
  // Two publications at once must not take the same number.
  await sql`select pg_advisory_xact_lock(20220415, ${year})`.execute(db);
  const last = await db
    .selectFrom('bulletins')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('year', '=', year)
    .executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  await db
    .updateTable('bulletins')
    .set({ status: 'published', year, number, publishedAt: new Date(), publishedBy: userId })
    .where('id', '=', id)
    .execute();
  return number;
}
export function lockBulletin(db: Db, id: string) {
  return db.selectFrom('bulletins').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function nameDirectives(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('directives').select(['id', 'documentNumber']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.documentNumber]));
}

export async function countUnacknowledged(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('directiveRecipients')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('orgId', '=', orgId)
    .where('acknowledgedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countReportsToReview(db: Db, issuerOrgId: string | null): Promise<number> {
  const row = await db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'submitted')
    .$if(issuerOrgId !== null, (q) =>
      q.where('formId', 'in', (eb) =>
        eb
          .selectFrom('reportForms')
          .innerJoin('directives', 'directives.id', 'reportForms.directiveId')
          .select('reportForms.id')
          .where('directives.issuerOrgId', '=', issuerOrgId as string),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
