import { defineErrors } from '../../errors.ts';

/** This module's error codes: stable API, never renamed or reused. */
export const staffError = defineErrors({
  'staff.not_found': { status: 404, en: 'No such person on the roster', zh: '员工名册中没有此人' },
  'staff.branch_unknown': { status: 400, en: 'No such branch of your institution', zh: '本机构没有这个网点' },
  'staff.post_unknown': { status: 400, en: 'No such post: add it to your posts first', zh: '没有这个岗位，请先在本机构岗位中添加' },
  'staff.user_unknown': { status: 400, en: 'No such console user in your institution', zh: '本机构没有这个用户' },
  'staff.user_taken': { status: 409, en: 'This console user is already on the roster', zh: '该用户已在员工名册中' },
  'staff.post_taken': { status: 409, en: 'Your institution already has a post with this code', zh: '本机构已有此岗位代码' },
  'staffing.plan_not_found': { status: 404, en: 'No such plan', zh: '应急预案不存在' },
  'staffing.plan_approved': { status: 409, en: 'This version is already approved', zh: '该版本已审批' },
  'staffing.not_short': { status: 409, en: 'The branch is no longer short of this post', zh: '该网点此岗位已不缺员' },
  'staffing.not_substitute': {
    status: 409,
    en: 'This person cannot stand in: locked in, standing in elsewhere, or needed at their own branch',
    zh: '此人无法替班：封控在家、已在其他网点替班，或本网点不能再少人',
  },
  'staffing.already_assigned': { status: 409, en: 'This person already stands in elsewhere that day', zh: '此人当天已在其他网点替班' },
  'staff.import_invalid': {
    status: 400,
    en: 'Some rows of the file are invalid; nothing was imported',
    zh: '文件中有无效的行，未导入任何数据',
  },
});
