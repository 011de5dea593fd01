import { defineErrors } from '../../errors.ts';

/** This module's error codes: stable API, never renamed or reused. */
export const branchError = defineErrors({
  'branch.not_found': { status: 404, en: 'No such branch', zh: '网点不存在' },
  'branch.code_taken': { status: 409, en: 'The institution already has a branch with this code', zh: '本机构已有该编号的网点' },
  'branch.import_invalid': {
    status: 400,
    en: 'Some rows of the file are invalid; nothing was imported',
    zh: '文件中有无效的行，未导入任何数据',
  },
  'adjustment.overlap': { status: 409, en: 'The dates overlap another adjustment of this branch', zh: '调整日期与该网点已有的调整重叠' },
  'adjustment.not_found': { status: 404, en: 'No such adjustment of this branch', zh: '该网点没有这项调整' },
  'adjustment.withdrawn': {
    status: 409,
    en: 'The adjustment was withdrawn; publish a new one instead',
    zh: '该调整已撤回，如需调整请重新发布',
  },
  'channel.not_found': { status: 404, en: 'No such online channel', zh: '线上渠道不存在' },
  'channel.withdrawn': { status: 409, en: 'The channel was withdrawn; add it again instead', zh: '该线上渠道已撤回，如需要请重新添加' },
  'adjustment.hours_required': { status: 400, en: 'Give the hours, or mark the branch closed', zh: '请填写营业时间，或标记为暂停营业' },
});
