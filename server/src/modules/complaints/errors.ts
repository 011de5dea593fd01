import { defineErrors } from '../../errors.ts';

/** This module's error codes: stable API, never renamed or reused. */
export const complaintError = defineErrors({
  'complaint.not_found': { status: 404, en: 'No such complaint', zh: '投诉不存在' },
  'complaint.institution_unknown': { status: 400, en: 'No such bank or insurer', zh: '被投诉机构不存在' },
  'complaint.mobile_mismatch': {
    status: 403,
    en: 'The mobile number is not the one you verified',
    zh: '手机号与您验证的号码不一致',
  },
  'complaint.closed': {
    status: 409,
    en: 'The complaint has been decided or withdrawn: nothing more can be done on it here',
    zh: '该投诉已作出处理决定或已撤回，不能再进行此操作',
  },
  'complaint.approval_required': {
    status: 400,
    en: 'The second extension (to 60 days) needs the senior manager who approved it',
    zh: '第二次延长（至60日）须写明批准的高级管理人员',
  },
  'complaint.no_extension': {
    status: 409,
    en: 'The complaint has been extended twice already: 60 days is the longest a decision may take',
    zh: '该投诉已延长两次，处理期限最长为60日，不能再延长',
  },
  'complaint.paused': { status: 409, en: 'The clock is paused: resume it first', zh: '时限已中止，请先恢复计算' },
  'complaint.not_paused': { status: 409, en: 'The clock is not paused', zh: '时限未中止' },
});
