import { defineErrors } from '../../errors.ts';

/** This module's error codes: stable API, never renamed or reused. */
export const oversightError = defineErrors({
  'directive.not_found': { status: 404, en: 'No such directive', zh: '通知不存在' },
  'directive.no_addressee': {
    status: 400,
    en: 'The directive reaches no institution: choose kinds, a district or institutions that exist',
    zh: '通知没有送达对象：请选择机构类型、区或具体机构',
  },
  'directive.number_taken': { status: 409, en: 'You have already issued a directive with this document number', zh: '该文号已使用' },
  'directive.not_member': {
    status: 400,
    en: 'An association addresses only its own member institutions',
    zh: '行业协会只能向本会会员机构发通知',
  },
  'directive.not_addressed': { status: 404, en: 'This directive is not addressed to your institution', zh: '该通知未发给本机构' },
  'directive.already_acknowledged': {
    status: 409,
    en: 'Your institution has already acknowledged this directive',
    zh: '本机构已签收该通知',
  },
  'report_form.not_found': { status: 404, en: 'No such report form', zh: '报表不存在' },
  'report.not_found': { status: 404, en: 'No such report', zh: '报送记录不存在' },
  'report.no_such_period': { status: 400, en: 'The form has no such period', zh: '该报表没有这一报送期' },
  'report.not_yet_open': { status: 409, en: 'This period has not started yet', zh: '该报送期尚未开始' },
  'report.period_locked': {
    status: 409,
    en: 'The deadline for this period has passed and it is locked; ask the regulator to reopen it',
    zh: '该期报送已截止并锁定，如需补报请联系监管部门重新开放',
  },
  'report.already_submitted': {
    status: 409,
    en: 'This period has a report already: withdraw it first, or wait for it to be returned',
    zh: '本期已报送；如需修改请先撤回，或待退回后修改',
  },
  'report.opened': {
    status: 409,
    en: 'The regulator has opened this report: it can no longer be withdrawn',
    zh: '监管部门已查阅，不能撤回',
  },
  'report.not_submitted': { status: 409, en: 'Only a submitted report can be reviewed or withdrawn', zh: '只有已报送的报表可以审核或撤回' },
  'report.return_needs_comment': { status: 400, en: 'Say why the report is returned', zh: '退回时请填写退回意见' },
  'report.wrong_form': {
    status: 400,
    en: 'This spreadsheet is the template of another report form',
    zh: '上传的表格是其他报表的模板',
  },
  'report.template_altered': {
    status: 400,
    en: 'The template was changed (rows added, removed or renamed): download it again and fill in the values only',
    zh: '模板已被改动（增删或改名了行），请重新下载模板，只填写数值',
  },
  'bulletin.not_found': { status: 404, en: 'No such bulletin', zh: '简报不存在' },
  'bulletin.published': { status: 409, en: 'The bulletin is published and can no longer be changed', zh: '简报已发布，不能再修改' },
});
