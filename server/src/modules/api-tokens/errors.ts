import { defineErrors } from '../../errors.ts';

/** This module's error codes: stable API, never renamed or reused. */
export const tokenError = defineErrors({
  'token.not_found': { status: 404, en: 'No such API token', zh: 'API 令牌不存在' },
});
