import { CLOCK_PROBLEMS, type ClockProblemCode, type ErrorBody, type FieldProblemInput, toFieldProblem } from '@shouhu/common';

export interface ErrorEntry {
  status: number;
  en: string;
  zh: string;
}
export type ErrorCatalogue = Record<string, ErrorEntry>;

/**
 * The platform's error codes; each module declares its own with defineErrors (in its errors.ts,
 * listed by its manifest). Codes are stable API: clients switch on them, so a code is never
 * renamed or reused, and every message has both languages.
 */
export const PLATFORM_ERRORS = {
  'validation.failed': { status: 400, en: 'The request is invalid', zh: '请求内容有误' },
  'request.invalid': { status: 400, en: 'The request cannot be processed', zh: '无法处理该请求' },
  'request.invalid_json': { status: 400, en: 'The request body is not valid JSON', zh: '请求正文不是有效的 JSON' },
  'request.body_too_large': { status: 413, en: 'The request body is too large', zh: '请求正文过大' },
  'request.bad_url': { status: 400, en: 'The address is not valid', zh: '请求地址无效' },
  'request.path_too_long': { status: 414, en: 'A part of the address is too long', zh: '请求地址中的某一段过长' },
  'request.headers_too_large': { status: 431, en: 'The request headers are too large', zh: '请求头过大' },
  'request.timeout': { status: 408, en: 'The request took too long to arrive', zh: '请求发送超时' },
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
  'street.unknown': { status: 400, en: 'Unknown street or town code', zh: '街道或乡镇代码不存在' },
  'job.not_found': { status: 404, en: 'No such job', zh: '任务不存在' },
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
  'pii.reason_required': { status: 400, en: 'Give a reason for revealing personal data', zh: '查看个人信息须填写理由' },
  'pii.field_unknown': { status: 400, en: 'No such personal-data field on this record', zh: '该记录没有此个人信息字段' },
  'sms.rate_limited': { status: 429, en: 'Too many codes requested; try again later', zh: '验证码请求过于频繁，请稍后再试' },
  'sms.code_invalid': { status: 401, en: 'The code is wrong or has expired', zh: '验证码错误或已过期' },
  'sms.attempts_exceeded': { status: 429, en: 'Too many wrong codes; request a new one', zh: '验证码错误次数过多，请重新获取' },
  'reference.not_found': { status: 404, en: 'No request has this reference number', zh: '未找到该办理编号' },
  'webhook.not_found': { status: 404, en: 'No such webhook', zh: 'Webhook 不存在' },
  'webhook.url_refused': {
    status: 400,
    en: 'The webhook address is not a public address (loopback, private and metadata addresses are refused)',
    zh: 'Webhook 地址不是公网地址（不允许本机、内网及元数据地址）',
  },
  'webhook.url_is_self': { status: 400, en: 'A webhook may not point at this platform itself', zh: 'Webhook 地址不能指向本平台自身' },
  'attachment.not_found': { status: 404, en: 'No such file', zh: '文件不存在' },
  'attachment.too_large': { status: 413, en: 'The file is larger than this kind of attachment allows', zh: '文件超过此类附件的大小上限' },
  'attachment.type_refused': {
    status: 415,
    en: 'This kind of file is not accepted here (images, PDF and, for documents, Word and Excel files)',
    zh: '不接受此类文件（仅限图片、PDF，证明材料另可为 Word、Excel 文件）',
  },
  'attachment.type_mismatch': {
    status: 415,
    en: "The file's content does not match its name or declared type",
    zh: '文件内容与文件名或声明的类型不符',
  },
  'attachment.zip_bomb': { status: 413, en: 'The file unzips to far more than its size', zh: '文件解压后远大于其本身，已拒绝' },
  'attachment.record_unknown': { status: 400, en: 'Files cannot be attached to this kind of record', zh: '此类记录不能添加附件' },
  'inbox.not_found': { status: 404, en: 'No such item in your inbox', zh: '您的消息中没有这一条' },
  'inbox.no_mobile': { status: 400, en: 'Your account has no mobile number for SMS', zh: '您的账户未登记手机号码，无法接收短信' },
  'inbox.no_email': { status: 400, en: 'Your account has no e-mail address', zh: '您的账户未登记电子邮箱' },
  // A case clock's refusals (pause twice, resume when not paused…), as common words them.
  ...(Object.fromEntries(Object.entries(CLOCK_PROBLEMS).map(([code, m]) => [code, { status: 409, ...m }])) as Record<
    ClockProblemCode,
    ErrorEntry
  >),
} as const satisfies ErrorCatalogue;

export type PlatformErrorCode = keyof typeof PLATFORM_ERRORS;

/** An error the API answers with its own code; anything else becomes internal.error. */
export class AppError extends Error {
  readonly code: string;
  readonly entry: ErrorEntry;
  readonly statusCode: number;
  readonly details: unknown;

  /** A platform code; a module's codes come from its own defineErrors. */
  constructor(code: PlatformErrorCode, details?: unknown, entry: ErrorEntry = PLATFORM_ERRORS[code]) {
    super(entry.en);
    this.name = 'AppError';
    this.code = code;
    this.entry = entry;
    this.statusCode = entry.status;
    this.details = details;
  }
}

/**
 * A module's own error codes, and a typed way to make its errors: `branchError('branch.not_found')`.
 * The catalogue (`.catalogue`) goes in the module's manifest.
 */
export function defineErrors<const C extends ErrorCatalogue>(catalogue: C) {
  const make = (code: keyof C & string, details?: unknown) =>
    new AppError(code as unknown as PlatformErrorCode, details, catalogue[code] as ErrorEntry);
  return Object.assign(make, { catalogue });
}

/**
 * validation.failed for the problems given, each named by its field's label in both languages;
 * the answer's message says what is wrong ("手机号码格式不正确"), not merely that something is.
 */
export function validationError(problems: FieldProblemInput[]): AppError {
  const fields = problems.map(toFieldProblem);
  const entry = PLATFORM_ERRORS['validation.failed'];
  const join = (parts: string[], sep: string) => (parts.length > 3 ? [...parts.slice(0, 3), '…'] : parts).join(sep);
  return new AppError(
    'validation.failed',
    { fields },
    {
      status: entry.status,
      en: fields.length
        ? join(
            fields.map((f) => f.message),
            '; ',
          )
        : entry.en,
      zh: fields.length
        ? join(
            fields.map((f) => f.message_zh),
            '；',
          )
        : entry.zh,
    },
  );
}

export function toErrorBody(error: AppError): ErrorBody {
  const { code, entry, details } = error;
  return { error: { code, message: entry.en, message_zh: entry.zh, ...(details === undefined ? {} : { details }) } };
}
