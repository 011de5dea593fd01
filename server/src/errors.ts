import type { ErrorBody } from '@shouhu/common';

/**
 * The catalogue of error codes. Codes are stable API: clients switch on them, so a code is
 * never renamed or reused. Modules add theirs here, so that every message has both languages.
 */
export const ERRORS = {
  'validation.failed': { status: 400, en: 'The request is invalid', zh: '请求内容有误' },
  'request.invalid': { status: 400, en: 'The request cannot be processed', zh: '无法处理该请求' },
  'request.invalid_json': { status: 400, en: 'The request body is not valid JSON', zh: '请求正文不是有效的 JSON' },
  'request.body_too_large': { status: 413, en: 'The request body is too large', zh: '请求正文过大' },
  'request.unsupported_media_type': { status: 415, en: 'Unsupported content type', zh: '不支持的内容类型' },
  'route.not_found': { status: 404, en: 'No such address', zh: '地址不存在' },
  'rate_limit.exceeded': { status: 429, en: 'Too many requests; try again shortly', zh: '请求过于频繁，请稍后再试' },
  'service.unavailable': { status: 503, en: 'The service is busy; try again shortly', zh: '服务繁忙，请稍后再试' },
  'internal.error': { status: 500, en: 'An unexpected error occurred', zh: '系统发生意外错误' },
  'file.empty': { status: 400, en: 'The file is empty', zh: '文件为空' },
  'file.binary': { status: 400, en: 'The file is not a text (CSV) file', zh: '文件不是文本（CSV）文件' },
  'file.unreadable': { status: 400, en: 'The file cannot be read', zh: '无法读取该文件' },
  'file.too_large': {
    status: 413,
    en: 'The file is beyond what one import may hold; split it into smaller files',
    zh: '文件超出单次导入的上限，请拆分为较小的文件',
  },
  'job.not_found': { status: 404, en: 'No such job', zh: '任务不存在' },
  'organization.not_found': { status: 404, en: 'No such organisation', zh: '机构不存在' },
  'organization.code_taken': { status: 409, en: 'An organisation with this code exists', zh: '机构代码已存在' },
  'organization.uscc_taken': {
    status: 409,
    en: 'An organisation with this unified social credit code exists',
    zh: '统一社会信用代码已被使用',
  },
  'organization.parent_not_found': { status: 400, en: 'The parent organisation does not exist', zh: '上级机构不存在' },
  'auth.required': { status: 401, en: 'Please sign in', zh: '请先登录' },
  'auth.invalid_credentials': { status: 401, en: 'Wrong user name or password', zh: '用户名或密码错误' },
  'auth.locked': { status: 423, en: 'Too many failed sign-ins; the account is locked for a while', zh: '登录失败次数过多，账户已暂时锁定' },
  'auth.disabled': { status: 403, en: 'This account is disabled', zh: '该账户已停用' },
  'auth.second_factor_required': { status: 401, en: 'Enter the code from your authenticator app', zh: '请输入身份验证器中的动态码' },
  'auth.second_factor_invalid': { status: 401, en: 'The code is wrong or already used', zh: '动态码错误或已使用' },
  'auth.second_factor_not_enrolled': { status: 409, en: 'Set up an authenticator app first', zh: '请先绑定身份验证器' },
  'auth.second_factor_already_enrolled': { status: 409, en: 'An authenticator app is already set up', zh: '已绑定身份验证器' },
  'auth.session_expired': { status: 401, en: 'Your session has ended; please sign in again', zh: '登录已过期，请重新登录' },
  'auth.csrf_failed': { status: 403, en: 'The request lacks a valid CSRF token', zh: '请求缺少有效的防伪令牌' },
  'auth.token_invalid': { status: 401, en: 'The API token is invalid, expired or revoked', zh: 'API 令牌无效、过期或已吊销' },
  'auth.password_wrong': { status: 401, en: 'The password is wrong', zh: '密码不正确' },
  'auth.password_policy': { status: 400, en: 'The new password does not meet the policy', zh: '新密码不符合要求' },
  'auth.password_change_required': { status: 403, en: 'Change your password before continuing', zh: '请先修改密码' },
  'access.denied': { status: 403, en: 'You may not do this', zh: '无权执行此操作' },
  'user.not_found': { status: 404, en: 'No such user', zh: '用户不存在' },
  'user.username_taken': { status: 409, en: 'This user name is taken', zh: '用户名已被使用' },
  'user.role_not_allowed': { status: 400, en: 'This role does not fit the organisation', zh: '该角色与所属机构不符' },
  'pii.reason_required': { status: 400, en: 'Give a reason for revealing personal data', zh: '查看个人信息须填写理由' },
  'pii.field_unknown': { status: 400, en: 'No such personal-data field on this record', zh: '该记录没有此个人信息字段' },
  'sms.rate_limited': { status: 429, en: 'Too many codes requested; try again later', zh: '验证码请求过于频繁，请稍后再试' },
  'sms.code_invalid': { status: 401, en: 'The code is wrong or has expired', zh: '验证码错误或已过期' },
  'sms.attempts_exceeded': { status: 429, en: 'Too many wrong codes; request a new one', zh: '验证码错误次数过多，请重新获取' },
  'token.not_found': { status: 404, en: 'No such API token', zh: 'API 令牌不存在' },
  'reference.not_found': { status: 404, en: 'No request has this reference number', zh: '未找到该办理编号' },
  'branch.not_found': { status: 404, en: 'No such branch', zh: '网点不存在' },
  'branch.code_taken': { status: 409, en: 'The institution already has a branch with this code', zh: '本机构已有该编号的网点' },
  'branch.street_unknown': { status: 400, en: 'Unknown street or town code', zh: '街道或乡镇代码不存在' },
  'branch.import_invalid': {
    status: 400,
    en: 'Some rows of the file are invalid; nothing was imported',
    zh: '文件中有无效的行，未导入任何数据',
  },
  'notice.not_found': { status: 404, en: 'No such notice', zh: '通告不存在' },
  'notice.no_draft': { status: 409, en: 'There is no draft to publish; compile one first', zh: '没有待发布的草稿，请先汇编' },
  'adjustment.overlap': { status: 409, en: 'The dates overlap another adjustment of this branch', zh: '调整日期与该网点已有的调整重叠' },
  'adjustment.hours_required': { status: 400, en: 'Give the hours, or mark the branch closed', zh: '请填写营业时间，或标记为暂停营业' },
  'zone.import_invalid': {
    status: 400,
    en: 'Some rows of the file are invalid; nothing was imported',
    zh: '文件中有无效的行，未导入任何数据',
  },
  'webhook.not_found': { status: 404, en: 'No such webhook', zh: 'Webhook 不存在' },
  'webhook.url_refused': {
    status: 400,
    en: 'The webhook address is not a public address (loopback, private and metadata addresses are refused)',
    zh: 'Webhook 地址不是公网地址（不允许本机、内网及元数据地址）',
  },
  'video.not_found': { status: 404, en: 'No such place in the video queue', zh: '视频排队记录不存在' },
  'video.already_in_queue': {
    status: 409,
    en: 'You already have a place in this queue; come back to it instead',
    zh: '您已在该队列中，请回到原来的位置',
  },
  'video.already_taken': { status: 409, en: 'Another agent has taken this customer', zh: '该客户已由其他坐席接入' },
  'video.queue_empty': { status: 404, en: 'No one is waiting in this queue', zh: '当前队列无人等候' },
  'video.wrong_status': {
    status: 409,
    en: 'The session is not at a step where this can be done',
    zh: '该视频服务当前所处环节不能进行此操作',
  },
  'video.slot_invalid': {
    status: 400,
    en: 'Choose a half-hour slot within the next 7 days',
    zh: '请选择未来7天内的整点或半点时段',
  },
  'video.identity_required': {
    status: 409,
    en: 'Record the identity check, with the liveness check passed, before closing as served',
    zh: '办结前请先登记身份核验，且活体检测须通过',
  },
  'homeVisit.not_found': { status: 404, en: 'No such home-visit request', zh: '上门服务申请不存在' },
  'homeVisit.wrong_status': {
    status: 409,
    en: 'The request is not at a step where this can be done',
    zh: '该申请当前所处环节不能进行此操作',
  },
  'homeVisit.institution_unknown': { status: 400, en: 'No such bank or insurer', zh: '所选机构不存在' },
  'homeVisit.mobile_mismatch': {
    status: 403,
    en: 'The mobile number is not the one you verified',
    zh: '手机号与您验证的号码不一致',
  },
  'homeVisit.window_past': {
    status: 400,
    en: 'A preferred time is in the past or ends before it starts',
    zh: '期望上门时间已过去或结束早于开始',
  },
  'homeVisit.staff_unknown': { status: 400, en: 'No such staff member of the institution', zh: '本机构没有该工作人员' },
  'homeVisit.staff_not_free': {
    status: 409,
    en: 'This staff member lives in a sealed or controlled area and cannot be sent',
    zh: '该工作人员居住地处于封控或管控区，不能外出服务',
  },
  'homeVisit.identity_required': {
    status: 409,
    en: 'Record the identity check before closing the visit as done',
    zh: '办结前请先登记身份核验',
  },
} as const satisfies Record<string, { status: number; en: string; zh: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** An error the API answers with its own code; anything else becomes internal.error. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: unknown;

  constructor(code: ErrorCode, details?: unknown) {
    super(ERRORS[code].en);
    this.name = 'AppError';
    this.code = code;
    this.statusCode = ERRORS[code].status;
    this.details = details;
  }
}

export function toErrorBody(code: ErrorCode, details?: unknown): ErrorBody {
  const entry = ERRORS[code];
  return { error: { code, message: entry.en, message_zh: entry.zh, ...(details === undefined ? {} : { details }) } };
}
