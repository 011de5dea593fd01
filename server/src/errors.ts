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
  'job.not_found': { status: 404, en: 'No such job', zh: '任务不存在' },
  'organization.not_found': { status: 404, en: 'No such organisation', zh: '机构不存在' },
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
