import { defineErrors } from '../../errors.ts';

/** This module's error codes: stable API, never renamed or reused. */
export const organizationError = defineErrors({
  'organization.not_found': { status: 404, en: 'No such organisation', zh: '机构不存在' },
  'organization.code_taken': { status: 409, en: 'An organisation with this code exists', zh: '机构代码已存在' },
  'organization.uscc_taken': {
    status: 409,
    en: 'An organisation with this unified social credit code exists',
    zh: '统一社会信用代码已被使用',
  },
  'organization.parent_not_found': { status: 400, en: 'The parent organisation does not exist', zh: '上级机构不存在' },
});
