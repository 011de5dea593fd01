import { defineErrors } from '../../errors.ts';

/** This module's error codes: stable API, never renamed or reused. */
export const userError = defineErrors({
  'user.not_found': { status: 404, en: 'No such user', zh: '用户不存在' },
  'user.username_taken': { status: 409, en: 'This user name is taken', zh: '用户名已被使用' },
  'user.role_not_allowed': { status: 400, en: 'This role does not fit the organisation', zh: '该角色与所属机构不符' },
});
