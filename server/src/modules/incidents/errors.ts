import { defineErrors } from '../../errors.ts';

/** This module's error codes: stable API, never renamed or reused. */
export const incidentError = defineErrors({
  'incident.not_found': { status: 404, en: 'No such incident', zh: '突发事件报告不存在' },
  'incident.closed': {
    status: 409,
    en: 'The result report has been filed: the incident is closed',
    zh: '已报送处理结果报告，该事件已结束',
  },
  'incident.in_future': { status: 400, en: 'A time in the future cannot be reported', zh: '时间不能晚于当前时间' },
  'incident.learned_before_occurred': {
    status: 400,
    en: 'The institution cannot have learned of the event before it occurred',
    zh: '获知时间不能早于事发时间',
  },
  'incident.affected_exceeds_branches': {
    status: 400,
    en: 'More branches affected than the institution has',
    zh: '受影响网点数超过本机构网点总数',
  },
});
