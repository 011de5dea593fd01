import { type Static, Type } from 'typebox';
import { Items } from './errors.ts';

/** One thing waiting for the signed-in user: how many, and the console page where it is done. */
export const DeskItem = Type.Object({
  key: Type.String({ description: 'stable name, e.g. homeVisits.requested' }),
  count: Type.Integer({ minimum: 0 }),
  path: Type.String({ description: 'console page, e.g. /console/home-visits' }),
});
export type DeskItem = Static<typeof DeskItem>;

export const DeskAnswer = Items(DeskItem);
export type DeskAnswer = Static<typeof DeskAnswer>;

/** What each item is called on the work desk (工作台); an item without a label shows its key. */
export const DESK_LABELS: Record<string, { zh: string; en: string }> = {
  'homeVisits.requested': { zh: '待受理的上门服务申请', en: 'Home-visit requests to accept' },
  'homeVisits.today': { zh: '今日安排的上门服务', en: 'Home visits scheduled today' },
  'video.waiting': { zh: '云网点排队等候的客户', en: 'Customers waiting in the video queue' },
  'serviceLevels.breaches': { zh: '近7天超出服务时限', en: 'Missed service-level targets, last 7 days' },
  'branches.flagged': { zh: '位于封控区仍在营业的网点', en: 'Open branches inside a sealed area' },
  'users.locked': { zh: '已锁定的用户', en: 'Locked user accounts' },
  'calendar.yearMissing': { zh: '下一年度节假日尚未录入', en: "Next year's public holidays not entered yet" },
  'notices.review': { zh: '待您审核发布的通告草稿', en: 'Notice drafts for you to review and publish' },
  'directives.unacknowledged': { zh: '待签收的监管通知', en: 'Directives to acknowledge' },
  'reports.toReview': { zh: '待审核的报表', en: 'Reports to review' },
  'incidents.proposed': { zh: '建议报送突发事件信息报告', en: 'Incident reports proposed to you' },
  'incidents.overdue': { zh: '逾期未续报的突发事件', en: 'Incidents overdue for a report' },
  'incidents.unreported': { zh: '建议报送而未报送突发事件的机构', en: 'Institutions proposed a report, yet to file it' },
};
