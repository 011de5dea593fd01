import { type Static, Type } from 'typebox';
import type { Action } from '../access.ts';

/** The period and scope the figures are asked for: Shanghai dates, both ends included. */
export const FigurePeriodQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date', description: 'default: 6 days before `to`' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'default: today in Shanghai' })),
    orgId: Type.Optional(Type.String({ format: 'uuid', description: 'one institution (the regulator only)' })),
  },
  { additionalProperties: false },
);

/** Each capability's headline numbers for a period (GET /api/v1/figures), by capability name. */
export const FigureAnswer = Type.Object({
  from: Type.String(),
  to: Type.String(),
  orgId: Type.Union([Type.String(), Type.Null()]),
  figures: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer())),
});
export type FigureAnswer = Static<typeof FigureAnswer>;

/** The same numbers day by day (GET /api/v1/figures/trend): each key's series follows `days`. */
export const FigureTrend = Type.Object({
  from: Type.String(),
  to: Type.String(),
  orgId: Type.Union([Type.String(), Type.Null()]),
  days: Type.Array(Type.String()),
  figures: Type.Record(Type.String(), Type.Record(Type.String(), Type.Array(Type.Integer()))),
});
export type FigureTrend = Static<typeof FigureTrend>;

const FigureValues = Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer()));
/** The list behind the city's figures (GET /api/v1/oversight/figures): each institution's, and the city's total. */
export const FiguresByInstitution = Type.Object({
  from: Type.String(),
  to: Type.String(),
  institutions: Type.Array(Type.Object({ orgId: Type.String(), name: Type.String(), figures: FigureValues })),
  total: FigureValues,
});
export type FiguresByInstitution = Static<typeof FiguresByInstitution>;

type Label = { zh: string; en: string };
/** A console page with more behind a capability's figures, for the roles whose action opens it. */
type FigureLink = { path: string; action: Action; label: Label };
const SERVICE_LEVELS: FigureLink = {
  path: '/console/service-levels',
  action: 'serviceLevel.read',
  label: { zh: '超时与服务量对比', en: 'Breaches and throughput' },
};
/**
 * What each capability's figures are called on screen (a figure without a label shows its key),
 * and the console pages behind them: the records, by district, against targets and normal.
 */
export const FIGURE_LABELS: Record<string, { title: Label; links: FigureLink[]; figures: Record<string, Label> }> = {
  branches: {
    title: { zh: '营业网点', en: 'Branches' },
    links: [
      { path: '/console/network', action: 'network.view', label: { zh: '按区查看', en: 'By district' } },
      { path: '/console/branches', action: 'branch.manage', label: { zh: '网点明细', en: 'The branches' } },
    ],
    figures: {
      branches: { zh: '网点总数', en: 'Branches' },
      adjusted: { zh: '调整营业时间', en: 'Adjusted hours' },
      closed: { zh: '暂停营业', en: 'Closed' },
    },
  },
  'home-visits': {
    title: { zh: '上门服务', en: 'Home visits' },
    links: [{ path: '/console/home-visits', action: 'homeVisit.manage', label: { zh: '申请明细', en: 'The requests' } }, SERVICE_LEVELS],
    figures: { requested: { zh: '申请', en: 'Requested' }, served: { zh: '已上门办结', en: 'Served' } },
  },
  'cloud-branch': {
    title: { zh: '云网点视频服务', en: 'Cloud branch' },
    links: [
      { path: '/console/cloud-branch', action: 'cloudBranch.serve', label: { zh: '视频坐席', en: 'The video desk' } },
      SERVICE_LEVELS,
    ],
    figures: { joined: { zh: '排队客户', en: 'Joined the queue' }, served: { zh: '已服务', en: 'Served' } },
  },
  oversight: {
    title: { zh: '报表报送', en: 'Reports' },
    links: [{ path: '/console/oversight', action: 'directive.issue', label: { zh: '按报表查看', en: 'By form' } }],
    figures: {
      received: { zh: '已报送', en: 'Received' },
      late: { zh: '逾期报送', en: 'Late' },
      returned: { zh: '被退回', en: 'Returned' },
    },
  },
  staff: {
    title: { zh: '人员保障', en: 'Staffing' },
    links: [
      { path: '/console/staffing-coverage', action: 'staffing.coverage', label: { zh: '按区查看缺员', en: 'Short of staff, by district' } },
    ],
    figures: {
      branchesShort: { zh: '缺员无人替班网点', en: 'Branches short, no substitute' },
      branchesCovered: { zh: '缺员已有替班网点', en: 'Branches short, covered' },
      substitutesAccepted: { zh: '已安排替班', en: 'Substitutes accepted' },
    },
  },
  incidents: {
    title: { zh: '突发事件报告', en: 'Incident reports' },
    links: [{ path: '/console/incidents', action: 'incident.read', label: { zh: '事件明细', en: 'The incidents' } }],
    figures: {
      reported: { zh: '报告事件', en: 'Reported' },
      late: { zh: '初报逾期', en: 'Initial report late' },
      grave: { zh: '重大及以上', en: 'Serious or worse' },
      branchesAffected: { zh: '受影响网点', en: 'Branches affected' },
    },
  },
};
