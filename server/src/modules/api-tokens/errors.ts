import { defineErrors } from '../../errors.ts';

/** This module's error codes: stable API, never renamed or reused. */
export const tokenError = defineErrors({
  'token.not_found': { status: 404, en: 'No such API token', zh: 'API 令牌不存在' },
  'token.scope_refused': {
    status: 403,
    en: 'A token may hold only actions that you may take and that systems may take for you',
    zh: '令牌只能包含您本人有权执行、且允许系统代为执行的操作',
  },
});
