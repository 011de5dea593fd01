import { type Static, Type } from 'typebox';

/**
 * The names of the audit trail's actions in both languages: the audit page and every work order's
 * timeline show these, never the code. An action missing here is shown by its code.
 */
export const AUDIT_ACTION_LABELS: Record<string, { zh: string; en: string }> = {
  'auth.sign_in': { zh: '登录', en: 'Signed in' },
  'auth.sign_out': { zh: '退出登录', en: 'Signed out' },
  'auth.sign_out_everywhere': { zh: '退出全部设备', en: 'Signed out everywhere' },
  'auth.second_factor': { zh: '通过二次验证', en: 'Passed the second factor' },
  'auth.totp_enrolment_started': { zh: '开始绑定动态口令', en: 'Started authenticator enrolment' },
  'auth.totp_enrolled': { zh: '绑定动态口令', en: 'Enrolled an authenticator' },
  'auth.password_changed': { zh: '修改密码', en: 'Changed the password' },
  'auth.lockout': { zh: '账号锁定', en: 'Account locked' },
  'access.denied': { zh: '访问被拒绝', en: 'Access denied' },
  'access.csrf_failed': { zh: '跨站请求校验失败', en: 'CSRF check failed' },
  'citizen.code_requested': { zh: '申请短信验证码', en: 'Asked for an SMS code' },
  'citizen.verified': { zh: '手机号验证通过', en: 'Mobile verified' },
  'organization.created': { zh: '新建机构', en: 'Organisation created' },
  'organization.updated': { zh: '修改机构', en: 'Organisation changed' },
  'user.created': { zh: '新建用户', en: 'User created' },
  'user.read': { zh: '查看用户', en: 'User viewed' },
  'user.disabled': { zh: '停用用户', en: 'User disabled' },
  'user.enabled': { zh: '启用用户', en: 'User enabled' },
  'user.password_reset': { zh: '重置密码', en: 'Password reset' },
  'user.home_set': { zh: '登记居住地', en: 'Home recorded' },
  'pii.revealed': { zh: '查看完整个人信息', en: 'Personal data revealed' },
  'webhook.created': { zh: '新建回调地址', en: 'Webhook created' },
  'webhook.pinged': { zh: '测试回调地址', en: 'Webhook tested' },
  'webhook.removed': { zh: '停用回调地址', en: 'Webhook stopped' },
  'attachment.added': { zh: '上传附件', en: 'File attached' },
  'attachment.downloaded': { zh: '下载附件', en: 'File downloaded' },
  'compound.registered': { zh: '登记小区', en: 'Compound registered' },
  'grid.defined': { zh: '新建网格', en: 'Grid defined' },
  'grid.changed': { zh: '修改网格', en: 'Grid changed' },
  'branch.created': { zh: '新建网点', en: 'Branch created' },
  'branch.updated': { zh: '修改网点', en: 'Branch changed' },
  'branch.adjusted': { zh: '发布营业调整', en: 'Adjustment published' },
  'branch.read': { zh: '查看网点', en: 'Branch viewed' },
  'branch.exported': { zh: '导出网点', en: 'Branches exported' },
  'branch.import_started': { zh: '导入网点', en: 'Branch import started' },
  'channel.created': { zh: '新增线上渠道', en: 'Online channel added' },
  'channel.changed': { zh: '更正线上渠道', en: 'Online channel corrected' },
  'channel.withdrawn': { zh: '撤回线上渠道', en: 'Online channel withdrawn' },
  'adjustment.changed': { zh: '更正营业调整', en: 'Adjustment corrected' },
  'adjustment.withdrawn': { zh: '撤回营业调整', en: 'Adjustment withdrawn' },
  'zone.changed': { zh: '更正管控区域', en: 'Zone corrected' },
  'zone.withdrawn': { zh: '撤回管控区域', en: 'Zone withdrawn' },
  'calendar.overridden': { zh: '设置节假日', en: 'Holiday set' },
  'calendar.override_removed': { zh: '删除节假日设置', en: 'Holiday setting removed' },
  'calendar.year_entered': { zh: '录入全年节假日', en: "Year's holidays entered" },
  'notice.compiled': { zh: '生成公告草稿', en: 'Notice drafted' },
  'notice.published': { zh: '发布公告', en: 'Notice published' },
  'network.exported': { zh: '导出网点分布', en: 'Network exported' },
  'zone.published': { zh: '发布管控区域', en: 'Zones published' },
  'serviceLevel.set': { zh: '设置服务时限', en: 'Service level set' },
  'throughput.baseline_set': { zh: '设置正常业务量', en: 'Normal throughput set' },
  'customer.recorded': { zh: '登记客户档案', en: 'Customer record added' },
  'homeVisit.requested': { zh: '提交上门申请', en: 'Home visit requested' },
  'homeVisit.accepted': { zh: '受理', en: 'Accepted' },
  'homeVisit.identity_checked': { zh: '核验身份', en: 'Identity checked' },
  'homeVisit.scheduled': { zh: '安排上门', en: 'Visit scheduled' },
  'homeVisit.closed': { zh: '办结', en: 'Closed' },
  'video.joined': { zh: '进入视频排队', en: 'Joined the video queue' },
  'video.booked': { zh: '预约视频办理', en: 'Booked a video slot' },
  'video.left': { zh: '离开队列', en: 'Left the queue' },
  'video.taken': { zh: '坐席接入', en: 'Taken by an agent' },
  'video.identity_checked': { zh: '核验身份', en: 'Identity checked' },
  'video.closed': { zh: '结束办理', en: 'Closed' },
  'directive.issued': { zh: '下发通知', en: 'Directive issued' },
  'directive.acknowledged': { zh: '签收通知', en: 'Directive acknowledged' },
  'report.submitted': { zh: '报送报表', en: 'Report submitted' },
  'report.withdrawn': { zh: '撤回报表', en: 'Report withdrawn' },
  'report.opened': { zh: '监管查阅', en: 'Opened by the regulator' },
  'report.accepted': { zh: '审核通过', en: 'Report accepted' },
  'report.returned': { zh: '退回修改', en: 'Report returned' },
  'report.period_reopened': { zh: '重新开放报送期', en: 'Period reopened' },
  'oversight.exported': { zh: '导出报送情况', en: 'Reporting rates exported' },
  'figures.exported': { zh: '导出全市数据', en: "City's figures exported" },
  'incident.reported': { zh: '报送突发事件初报', en: 'Incident reported' },
  'incident.followed_up': { zh: '续报', en: 'Follow-up filed' },
  'incident.resolved': { zh: '报送处理结果', en: 'Result report filed' },
  'incident.deadline_set': { zh: '设置报告时限', en: 'Report deadlines set' },
  'staff.added': { zh: '登记员工', en: 'Added to the roster' },
  'staff.changed': { zh: '更正员工信息', en: 'Roster entry corrected' },
  'staff.removed': { zh: '移出员工名册', en: 'Taken off the roster' },
  'staff.imported': { zh: '导入员工名册', en: 'Roster imported' },
  'staff.exported': { zh: '导出员工名册', en: 'Roster exported' },
  'staff.post_added': { zh: '新增本机构岗位', en: 'Own post added' },
  'staffing.plan_drafted': { zh: '起草应急预案', en: 'Contingency plan drafted' },
  'staffing.plan_approved': { zh: '批准应急预案', en: 'Contingency plan approved' },
  'staffing.substitute_accepted': { zh: '确认替班人员', en: 'Substitute accepted' },
  'bulletin.generated': { zh: '生成简报', en: 'Bulletin generated' },
  'bulletin.edited': { zh: '修改简报', en: 'Bulletin edited' },
  'bulletin.published': { zh: '发布简报', en: 'Bulletin published' },
};

/** The kinds of record in the audit trail, named for people. */
export const RECORD_TYPE_LABELS: Record<string, { zh: string; en: string }> = {
  branch: { zh: '网点', en: 'Branch' },
  channel: { zh: '线上渠道', en: 'Online channel' },
  home_visit: { zh: '上门服务', en: 'Home visit' },
  video_session: { zh: '视频办理', en: 'Video session' },
  user: { zh: '用户', en: 'User' },
  organization: { zh: '机构', en: 'Organisation' },
  notice: { zh: '通告', en: 'Notice' },
  lockdown_zone: { zh: '管控区域', en: 'Lockdown zone' },
  date: { zh: '日期', en: 'Date' },
  customer_record: { zh: '客户档案', en: 'Customer record' },
  branch_network: { zh: '网点分布', en: 'Branch network' },
  calendar_year: { zh: '节假日年度', en: 'Holiday year' },
  compound: { zh: '小区', en: 'Compound' },
  grid: { zh: '网格', en: 'Grid' },
  directive: { zh: '监管通知', en: 'Directive' },
  report: { zh: '报表', en: 'Report' },
  report_form: { zh: '报表格式', en: 'Report form' },
  bulletin: { zh: '简报', en: 'Bulletin' },
};
export const AUDIT_OUTCOME_LABELS: Record<string, { zh: string; en: string }> = {
  success: { zh: '成功', en: 'Done' },
  denied: { zh: '拒绝', en: 'Refused' },
  failure: { zh: '失败', en: 'Failed' },
};

/** An action's name in a language, or its code when it has none. */
export const describeAuditAction = (action: string, lang: 'zh' | 'en') => AUDIT_ACTION_LABELS[action]?.[lang] ?? action;

/** Who took a step, as a work order's timeline names them. */
export const TIMELINE_ACTOR_KINDS = ['staff', 'customer', 'integration', 'system'] as const;

/**
 * One step in a work order's history, from its audit trail: when, what, who (a staff member by
 * masked name and username), and the step's facts (personal data masked, as the trail keeps them).
 */
export const TimelineEntry = Type.Object({
  at: Type.String({ format: 'date-time' }),
  action: Type.String(),
  actorKind: Type.Enum([...TIMELINE_ACTOR_KINDS]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type TimelineEntry = Static<typeof TimelineEntry>;
