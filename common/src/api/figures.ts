import { type Static, Type } from 'typebox';

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

type Label = { zh: string; en: string };
/** What each capability's figures are called on screen; a figure without a label shows its key. */
export const FIGURE_LABELS: Record<string, { title: Label; figures: Record<string, Label> }> = {
  branches: {
    title: { zh: '营业网点', en: 'Branches' },
    figures: {
      branches: { zh: '网点总数', en: 'Branches' },
      adjusted: { zh: '调整营业时间', en: 'Adjusted hours' },
      closed: { zh: '暂停营业', en: 'Closed' },
    },
  },
  'home-visits': {
    title: { zh: '上门服务', en: 'Home visits' },
    figures: { requested: { zh: '申请', en: 'Requested' }, served: { zh: '已上门办结', en: 'Served' } },
  },
  'cloud-branch': {
    title: { zh: '云网点视频服务', en: 'Cloud branch' },
    figures: { joined: { zh: '排队客户', en: 'Joined the queue' }, served: { zh: '已服务', en: 'Served' } },
  },
  oversight: {
    title: { zh: '报表报送', en: 'Reports' },
    figures: {
      received: { zh: '已报送', en: 'Received' },
      late: { zh: '逾期报送', en: 'Late' },
      returned: { zh: '被退回', en: 'Returned' },
    },
  },
};
