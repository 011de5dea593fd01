import { defineErrors } from '../../errors.ts';

/** This module's error codes: stable API, never renamed or reused. */
export const homeVisitError = defineErrors({
  'homeVisit.not_found': { status: 404, en: 'No such home-visit request', zh: '上门服务申请不存在' },
  'homeVisit.wrong_status': {
    status: 409,
    en: 'The request is not at a step where this can be done',
    zh: '该申请当前所处环节不能进行此操作',
  },
  'homeVisit.institution_unknown': { status: 400, en: 'No such bank or insurer', zh: '所选机构不存在' },
  'homeVisit.mobile_mismatch': {
    status: 403,
    en: 'The mobile number is not the one you verified',
    zh: '手机号与您验证的号码不一致',
  },
  'homeVisit.window_past': {
    status: 400,
    en: 'A preferred time is in the past or ends before it starts',
    zh: '期望上门时间已过去或结束早于开始',
  },
  'homeVisit.staff_unknown': { status: 400, en: 'No such staff member of the institution', zh: '本机构没有该工作人员' },
  'homeVisit.staff_not_free': {
    status: 409,
    en: 'This staff member lives in a sealed or controlled area and cannot be sent',
    zh: '该工作人员居住地处于封控或管控区，不能外出服务',
  },
  'homeVisit.staff_not_on_roster': {
    status: 409,
    en: 'This staff member is not on the roster, so whether they are free to move is not known: add them to the roster first',
    zh: '该工作人员不在员工名册中，无法判断能否外出：请先将其加入员工名册',
  },
  'homeVisit.identity_required': {
    status: 409,
    en: 'Record the identity check before closing the visit as done',
    zh: '办结前请先登记身份核验',
  },
  'homeVisit.service_not_offered': {
    status: 400,
    en: 'This institution does not offer that service by home visit',
    zh: '该机构不提供此项上门服务',
  },
  'homeVisit.before_schedule': {
    status: 409,
    en: 'The visit is scheduled for later: say why it is done early',
    zh: '尚未到约定上门时间，提前办结请说明原因',
  },
});
