import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Table types as the code sees them (camelCase; the database uses snake_case). */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in by default. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

import type {
  BulletinSection,
  DirectiveAction,
  DirectiveAddressees,
  DirectiveUrgency,
  HomeVisitReason,
  HomeVisitStatus,
  IncidentCategory,
  IncidentLevel,
  IncidentReportInput,
  IncidentReportKind,
  Interval,
  NoticeChanges,
  NoticeEntry,
  OrganizationKind,
  PartnerKind,
  ReportField,
  ReportPeriod,
  ReportRule,
  ReportStatus,
  ReportValues,
  ServiceChannel,
  TimeWindow,
  VideoSessionStatus,
  WeeklyHours,
} from '@shouhu/common';

export interface OrganizationsTable {
  id: string;
  code: string;
  kind: OrganizationKind;
  nameZh: string;
  nameEn: string;
  uscc: string | null;
  parentId: string | null;
  partnerKind: PartnerKind | null;
  committeeCode: string | null;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
}

export const JOB_STATES = ['queued', 'active', 'completed', 'dead'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobsTable {
  id: string;
  type: string;
  payload: JSONColumnType<Record<string, unknown>>;
  state: Generated<JobState>;
  orgId: string | null;
  singletonKey: string | null;
  priority: Generated<number>;
  runAt: GeneratedTimestamp;
  attempts: Generated<number>;
  maxAttempts: Generated<number>;
  lockedBy: string | null;
  lockedUntil: Timestamp | null;
  progress: Generated<number>;
  progressMessage: string | null;
  lastError: string | null;
  result: JSONColumnType<Record<string, unknown>> | null;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
  finishedAt: Timestamp | null;
}

export { ROLES, type Role } from '@shouhu/common';

import type { Role } from '@shouhu/common';

export interface UsersTable {
  id: string;
  orgId: string;
  username: string;
  role: Role;
  nameEnc: string;
  mobileEnc: string | null;
  mobileHash: string | null;
  passwordHash: string;
  mustChangePassword: Generated<boolean>;
  mfaRequired: Generated<boolean>;
  totpSecretEnc: string | null;
  totpEnabledAt: Timestamp | null;
  totpLastStep: number | null;
  recoveryCodeHashes: ColumnType<string[], string | undefined, string>;
  failedAttempts: Generated<number>;
  mfaFailedAttempts: Generated<number>;
  lockedUntil: Timestamp | null;
  disabledAt: Timestamp | null;
  isDemo: Generated<boolean>;
  emailEnc: string | null;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
}

export interface SessionsTable {
  id: string;
  tokenHash: string;
  kind: 'staff' | 'citizen';
  userId: string | null;
  mobileHash: string | null;
  mfaPassed: Generated<boolean>;
  csrfHash: string;
  createdAt: GeneratedTimestamp;
  lastSeenAt: GeneratedTimestamp;
  expiresAt: Timestamp;
  revokedAt: Timestamp | null;
}

export interface ApiTokensTable {
  id: string;
  orgId: string;
  name: string;
  tokenHash: string;
  scopes: ColumnType<string[], string, string>;
  expiresAt: Timestamp;
  revokedAt: Timestamp | null;
  createdBy: string | null;
  createdAt: GeneratedTimestamp;
  lastUsedAt: Timestamp | null;
  /** The role of the person who made it: its scopes reach no further than that role's. */
  role: Role;
}

export interface AuditEventsTable {
  chain: number;
  seq: number;
  id: string;
  occurredAt: Timestamp;
  actorType: string;
  actorId: string | null;
  actorOrgId: string | null;
  actorRole: string | null;
  orgId: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  outcome: 'success' | 'denied' | 'failure';
  requestId: string | null;
  ip: string | null;
  summary: ColumnType<Record<string, unknown>, string, string>;
  prevHash: string;
  hash: string;
}

export interface AuditHeadsTable {
  chain: number;
  seq: number;
  hash: string;
}

export interface AuditAnchorTable {
  chain: number;
  seq: number;
  hash: string;
  /** HMAC of chain, seq and hash with the audit key; null only for anchors before migration 0009. */
  mac: string | null;
}

export interface AuditCheckpointsTable {
  id: string;
  takenAt: GeneratedTimestamp;
  heads: ColumnType<AuditCheckpointHead[], string, never>;
  mac: string;
}
export interface AuditCheckpointHead {
  chain: number;
  seq: number;
  hash: string;
}

export interface SmsCodesTable {
  id: string;
  mobileHash: string;
  codeHash: string;
  ip: string | null;
  attempts: Generated<number>;
  expiresAt: Timestamp;
  consumedAt: Timestamp | null;
  createdAt: GeneratedTimestamp;
}

export interface NotificationsTable {
  id: string;
  orgId: string | null;
  channel: 'sms' | 'email' | 'webhook';
  recipientEnc: string;
  recipientHash: string;
  webhookEndpointId: string | null;
  subject: string | null;
  bodyEnc: string;
  state: Generated<'queued' | 'sent' | 'failed'>;
  provider: string | null;
  attempts: Generated<number>;
  lastError: string | null;
  createdAt: GeneratedTimestamp;
  sentAt: Timestamp | null;
}

export interface WebhookEndpointsTable {
  id: string;
  orgId: string;
  url: string;
  secretEnc: string;
  createdAt: GeneratedTimestamp;
  disabledAt: Timestamp | null;
}

export interface BranchesTable {
  id: string;
  orgId: string;
  code: string;
  nameZh: string;
  nameEn: string | null;
  address: string;
  districtCode: string;
  streetCode: string;
  lat: number;
  lng: number;
  services: ColumnType<string[], string, string>;
  weeklyHours: ColumnType<WeeklyHours, string, string>;
  phone: string | null;
  stepFree: Generated<boolean>;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
}

export interface BranchAdjustmentsTable {
  id: string;
  branchId: string;
  orgId: string;
  fromDate: ColumnType<string, string, string>;
  toDate: ColumnType<string, string, string>;
  closed: boolean;
  hours: ColumnType<Interval[] | null, string | null, string | null>;
  reason: string;
  publicNote: string | null;
  createdAt: GeneratedTimestamp;
  /** Withdrawn by its publisher: kept, with why, and left out of everything in force. */
  withdrawnAt: Timestamp | null;
  withdrawnReason: string | null;
  updatedAt: GeneratedTimestamp;
}

export interface OnlineChannelsTable {
  id: string;
  orgId: string;
  kind: string;
  name: string;
  address: string;
  services: ColumnType<string[], string, string>;
  createdAt: GeneratedTimestamp;
  /** Withdrawn by its publisher: kept, with why, and left out of everything in force. */
  withdrawnAt: Timestamp | null;
  withdrawnReason: string | null;
}

export interface LockdownZonesTable {
  id: string;
  name: string;
  districtCode: string;
  streetCode: string | null;
  committeeCode: string | null;
  lat: number | null;
  lng: number | null;
  wholeStreet: Generated<boolean>;
  level: 'sealed' | 'controlled' | 'precaution';
  fromDate: ColumnType<string, string, string>;
  toDate: ColumnType<string | null, string | null, string | null>;
  createdAt: GeneratedTimestamp;
  /** Withdrawn by its publisher: kept, with why, and left out of everything in force. */
  withdrawnAt: Timestamp | null;
  withdrawnReason: string | null;
}

export interface HolidayOverridesTable {
  date: ColumnType<string, string, string>;
  kind: 'workday' | 'weekend' | 'holiday' | 'makeup';
  name: string | null;
}

export interface NoticesTable {
  id: string;
  associationId: string;
  version: number | null;
  status: 'draft' | 'published';
  asOf: ColumnType<string, string, string>;
  entries: ColumnType<NoticeEntry[], string, string>;
  changes: ColumnType<NoticeChanges, string, string>;
  compiledAt: Timestamp;
  publishedAt: Timestamp | null;
  compiledBy: string | null;
  publishedBy: string | null;
  documentNumber: string | null;
  signedOn: ColumnType<string | null, string | null, string | null>;
}

export interface HomeVisitsTable {
  id: string;
  reference: string;
  orgId: string;
  service: string;
  nameEnc: string;
  mobileEnc: string;
  mobileHash: string;
  districtCode: string;
  streetCode: string;
  committeeCode: ColumnType<string | null, string | null | undefined, string | null>;
  /** Before migration 0009 the compound was kept in clear; encryptPlainCompounds moves it. */
  compound: string | null;
  compoundEnc: string | null;
  addressEnc: string;
  reason: HomeVisitReason;
  windows: ColumnType<TimeWindow[], string, string>;
  status: HomeVisitStatus;
  raisedBy: 'citizen' | 'staff';
  raisedByUserId: string | null;
  residentIdEnc: string | null;
  residentIdHash: string | null;
  identityNameEnc: string | null;
  documents: ColumnType<string[], string | undefined, string>;
  identityCheckedAt: Timestamp | null;
  identityCheckedBy: string | null;
  assignedUserId: string | null;
  scheduledAt: Timestamp | null;
  outcomeNoteEnc: string | null;
  /** Why a visit was closed before its scheduled time (staff's words, encrypted). */
  earlyReasonEnc: string | null;
  firstResponseAt: Timestamp | null;
  completedAt: Timestamp | null;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
}

export interface VideoSessionsTable {
  id: string;
  reference: string;
  orgId: string;
  service: string;
  mobileEnc: string;
  mobileHash: string;
  status: VideoSessionStatus;
  joinedAt: Timestamp;
  slotAt: Timestamp | null;
  agentUserId: string | null;
  takenAt: Timestamp | null;
  room: string | null;
  residentIdEnc: string | null;
  residentIdHash: string | null;
  nameMatched: boolean | null;
  livenessPassed: boolean | null;
  identityCheckedAt: Timestamp | null;
  outcomeNoteEnc: string | null;
  closedAt: Timestamp | null;
  createdAt: GeneratedTimestamp;
}

export interface CustomerRecordsTable {
  id: string;
  orgId: string;
  residentIdHash: string;
  nameEnc: string;
}

export interface ServiceLevelTargetsTable {
  orgId: string;
  channel: ServiceChannel;
  service: string;
  firstResponseMinutes: number;
  completionMinutes: number;
}

export interface ThroughputBaselinesTable {
  orgId: string;
  channel: ServiceChannel;
  fromDate: ColumnType<string, string, string>;
  toDate: ColumnType<string, string, string>;
  dailyServed: number | null;
}

export interface InboxItemsTable {
  id: string;
  userId: string;
  orgId: string;
  kind: string;
  titleZh: string;
  titleEn: string;
  path: string;
  recordType: string | null;
  recordId: string | null;
  dueAt: Timestamp | null;
  createdAt: GeneratedTimestamp;
  readAt: Timestamp | null;
}

export interface NotificationPreferencesTable {
  userId: string;
  kind: string;
  sms: Generated<boolean>;
  email: Generated<boolean>;
}

export interface ReferenceCountersTable {
  prefix: string;
  last: ColumnType<string, number | string, number | string>;
}

export interface AttachmentsTable {
  id: string;
  orgId: string;
  recordType: string;
  recordId: string;
  kind: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploadedBy: string | null;
  createdAt: GeneratedTimestamp;
}

export interface CompoundsTable {
  id: string;
  committeeCode: string;
  name: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  registeredBy: string;
  createdAt: GeneratedTimestamp;
}

export interface GridsTable {
  id: string;
  /** The institution whose grid it is; null for a district's, entered by the regulator. */
  orgId: string | null;
  districtCode: string | null;
  name: string;
  committeeCodes: JSONColumnType<string[]>;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
}

export interface DirectivesTable {
  id: string;
  issuerOrgId: string;
  documentNumber: string;
  title: string;
  body: string;
  urgency: DirectiveUrgency;
  addressees: JSONColumnType<DirectiveAddressees, string, string>;
  acknowledgeWithinHours: number;
  actions: JSONColumnType<DirectiveAction[], string, string>;
  issuedAt: Timestamp;
  issuedBy: string | null;
}

export interface DirectiveRecipientsTable {
  directiveId: string;
  orgId: string;
  acknowledgedAt: Timestamp | null;
  acknowledgedBy: string | null;
  remindedAt: Timestamp | null;
}

export interface ReportFormsTable {
  id: string;
  directiveId: string;
  title: string;
  fields: JSONColumnType<ReportField[], string, string>;
  rules: JSONColumnType<ReportRule[], string, string>;
  period: ReportPeriod;
  startsOn: ColumnType<string, string, string>;
  endsOn: ColumnType<string, string, string>;
  dueAfterHours: number;
}

export interface ReportsTable {
  id: string;
  formId: string;
  orgId: string;
  period: ColumnType<string, string, string>;
  status: ReportStatus;
  values: JSONColumnType<ReportValues, string, string>;
  preparer: string;
  responsible: string;
  submittedAt: Timestamp;
  submittedBy: string | null;
  late: boolean;
  openedAt: Timestamp | null;
  reviewedAt: Timestamp | null;
  reviewedBy: string | null;
  reviewComment: string | null;
  version: number;
}

export interface ReportReopeningsTable {
  formId: string;
  orgId: string;
  period: ColumnType<string, string, string>;
  until: Timestamp;
  reopenedBy: string | null;
  reason: string;
}

export interface BulletinsTable {
  id: string;
  fromDate: ColumnType<string, string, string>;
  toDate: ColumnType<string, string, string>;
  title: string;
  sections: JSONColumnType<BulletinSection[], string, string>;
  status: 'draft' | 'published';
  year: number | null;
  number: number | null;
  generatedAt: Timestamp;
  generatedBy: string | null;
  publishedAt: Timestamp | null;
  publishedBy: string | null;
}

export interface IncidentsTable {
  id: string;
  reference: string;
  orgId: string;
  title: string;
  level: IncidentLevel;
  category: IncidentCategory;
  learnedAt: Timestamp;
  initialDueAt: Timestamp;
  initialLate: boolean;
  status: 'open' | 'closed';
  branchesAffected: number;
  customersAffected: number;
  lastFiledAt: Timestamp;
  reports: number;
}

export interface IncidentReportsTable {
  id: string;
  incidentId: string;
  kind: IncidentReportKind;
  filedAt: Timestamp;
  filedBy: string | null;
  late: boolean;
  /** The contents without the contact phone, which is in contactPhoneEnc. */
  contents: JSONColumnType<Omit<IncidentReportInput, 'contactPhone'>, string, string>;
  contactPhoneEnc: string;
}

export interface IncidentDeadlinesTable {
  level: IncidentLevel;
  initialHours: number;
  followUpHours: number;
  updatedAt: Timestamp;
  updatedBy: string | null;
}

export interface StaffTable {
  id: string;
  orgId: string;
  branchId: string;
  userId: string | null;
  nameEnc: string;
  phoneEnc: string;
  homeEnc: string;
  compoundEnc: string;
  homeStreetHash: string;
  homeCompoundHash: string;
  posts: JSONColumnType<string[]>;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
}

export interface ComplaintsTable {
  id: string;
  reference: string;
  orgId: string;
  channel: string;
  status: string;
  nameEnc: string;
  mobileEnc: string;
  mobileHash: string;
  residentIdEnc: string | null;
  representativesEnc: string | null;
  people: Generated<number>;
  staffNamedEnc: string | null;
  unitNamed: string | null;
  claimEnc: string;
  factsEnc: string;
  groundsEnc: string | null;
  /** The decision clock's events, as stored (dates as ISO strings). */
  clock: JSONColumnType<{ type: string; at: string; reason?: string; approvedBy?: string }[]>;
  receivedAt: Timestamp;
  dueAt: Timestamp | null;
  decisionEnc: string | null;
  decidedAt: Timestamp | null;
  raisedByUserId: string | null;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
}

export interface StaffingPlansTable {
  id: string;
  orgId: string;
  branchId: string;
  version: number;
  minimums: JSONColumnType<Record<string, number>>;
  fallback: JSONColumnType<Record<string, unknown>>;
  keyPosts: JSONColumnType<{ post: string; holderA: string; holderB: string }[], string | undefined, string>;
  substitutePool: JSONColumnType<string[], string | undefined, string>;
  duty: JSONColumnType<{ staffId: string; from: string; to: string }[], string | undefined, string>;
  draftedBy: string | null;
  draftedAt: Timestamp;
  approvedBy: string | null;
  approvedAt: Timestamp | null;
}

export interface StaffAssignmentsTable {
  staffId: string;
  day: ColumnType<string, string, string>;
  orgId: string;
  branchId: string;
  post: string;
  acceptedBy: string | null;
  acceptedAt: Timestamp;
}

export interface StaffingDaysTable {
  day: ColumnType<string, string, string>;
  branchId: string;
  orgId: string;
  districtCode: string;
  state: string;
  adjusted: Generated<boolean>;
  recordedAt: GeneratedTimestamp;
}

export interface StaffPostsTable {
  orgId: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

/** Kept by triggers (migration 0016), never written by the application. */
export interface FigureCountsTable {
  figure: string;
  day: ColumnType<string, string, string>;
  orgId: string;
  n: ColumnType<string, number, number>;
}

export interface DB {
  organizations: OrganizationsTable;
  jobs: JobsTable;
  users: UsersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  auditEvents: AuditEventsTable;
  auditAnchor: AuditAnchorTable;
  auditCheckpoints: AuditCheckpointsTable;
  auditHeads: AuditHeadsTable;
  smsCodes: SmsCodesTable;
  notifications: NotificationsTable;
  webhookEndpoints: WebhookEndpointsTable;
  branches: BranchesTable;
  branchAdjustments: BranchAdjustmentsTable;
  onlineChannels: OnlineChannelsTable;
  holidayOverrides: HolidayOverridesTable;
  lockdownZones: LockdownZonesTable;
  notices: NoticesTable;
  homeVisits: HomeVisitsTable;
  videoSessions: VideoSessionsTable;
  customerRecords: CustomerRecordsTable;
  serviceLevelTargets: ServiceLevelTargetsTable;
  throughputBaselines: ThroughputBaselinesTable;
  inboxItems: InboxItemsTable;
  notificationPreferences: NotificationPreferencesTable;
  referenceCounters: ReferenceCountersTable;
  attachments: AttachmentsTable;
  compounds: CompoundsTable;
  grids: GridsTable;
  directives: DirectivesTable;
  directiveRecipients: DirectiveRecipientsTable;
  reportForms: ReportFormsTable;
  reports: ReportsTable;
  reportReopenings: ReportReopeningsTable;
  bulletins: BulletinsTable;
  incidents: IncidentsTable;
  incidentReports: IncidentReportsTable;
  incidentDeadlines: IncidentDeadlinesTable;
  figureCounts: FigureCountsTable;
  staff: StaffTable;
  staffPosts: StaffPostsTable;
  staffingPlans: StaffingPlansTable;
  staffAssignments: StaffAssignmentsTable;
  staffingDays: StaffingDaysTable;
  complaints: ComplaintsTable;
}
