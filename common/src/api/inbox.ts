import { type Static, Type } from 'typebox';

/**
 * What may arrive in a console user's inbox, by kind. Each capability adds its kinds here (a
 * directive to acknowledge, a referral to take up); the user chooses which also reach them by SMS
 * or e-mail.
 */
export const INBOX_KINDS = [
  'account.welcome',
  'homeVisit.assigned',
  'deadline.approaching',
  'deadline.passed',
  'programme.joined',
  'directive.received',
  'report.returned',
  'report.reopened',
  'incident.filed',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];
export const INBOX_KIND_LABELS: Record<InboxKind, { zh: string; en: string }> = {
  'account.welcome': { zh: '账户开通', en: 'Account opened' },
  'homeVisit.assigned': { zh: '分派给我的上门服务', en: 'Home visits assigned to me' },
  'deadline.approaching': { zh: '即将到期', en: 'Deadlines approaching' },
  'deadline.passed': { zh: '已超期', en: 'Deadlines passed' },
  'programme.joined': { zh: '加入合作项目', en: 'Joined a programme' },
  'directive.received': { zh: '收到监管通知', en: 'Directives received' },
  'report.returned': { zh: '报表被退回', en: 'Reports returned' },
  'report.reopened': { zh: '报送期重新开放', en: 'Report periods reopened' },
  'incident.filed': { zh: '收到突发事件报告', en: 'Incident reports received' },
};

export const InboxItem = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  titleZh: Type.String(),
  titleEn: Type.String(),
  /** The console page of the record it is about. */
  path: Type.String(),
  recordType: Type.Union([Type.String(), Type.Null()]),
  recordId: Type.Union([Type.String(), Type.Null()]),
  dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type InboxItem = Static<typeof InboxItem>;

export const InboxPage = Type.Object({
  items: Type.Array(InboxItem),
  total: Type.Integer(),
  unread: Type.Integer(),
});
export type InboxPage = Static<typeof InboxPage>;

export const NotificationPreference = Type.Object(
  { kind: Type.Enum([...INBOX_KINDS]), sms: Type.Boolean(), email: Type.Boolean() },
  { additionalProperties: false },
);
export type NotificationPreference = Static<typeof NotificationPreference>;

/** A programme an organisation takes part in, as the capability that runs it describes it. */
export const Programme = Type.Object({
  key: Type.String({ description: 'the capability and programme, e.g. greenChannel.referrals' }),
  nameZh: Type.String(),
  nameEn: Type.String(),
  /** What the organisation does in it, in words. */
  partZh: Type.String(),
  partEn: Type.String(),
  path: Type.String({ description: 'console page where it is done' }),
});
export type Programme = Static<typeof Programme>;
