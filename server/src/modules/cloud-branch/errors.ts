import { defineErrors } from '../../errors.ts';

/** This module's error codes: stable API, never renamed or reused. */
export const videoError = defineErrors({
  'video.institution_unknown': { status: 400, en: 'No such bank or insurer', zh: '所选机构不存在' },
  'video.mobile_mismatch': { status: 403, en: 'The mobile number is not the one you verified', zh: '手机号与您验证的号码不一致' },
  'video.service_not_offered': {
    status: 400,
    en: 'This service cannot be done by video with this institution (cash needs a counter)',
    zh: '该机构此项业务不能视频办理（现金业务须到柜面）',
  },
  'video.not_found': { status: 404, en: 'No such place in the video queue', zh: '视频排队记录不存在' },
  'video.already_in_queue': {
    status: 409,
    en: 'You already have a place in this queue; come back to it instead',
    zh: '您已在该队列中，请回到原来的位置',
  },
  'video.already_taken': { status: 409, en: 'Another agent has taken this customer', zh: '该客户已由其他坐席接入' },
  'video.queue_empty': { status: 404, en: 'No one is waiting in this queue', zh: '当前队列无人等候' },
  'video.wrong_status': {
    status: 409,
    en: 'The session is not at a step where this can be done',
    zh: '该视频服务当前所处环节不能进行此操作',
  },
  'video.slot_invalid': {
    status: 400,
    en: 'Choose a half-hour slot within the next 7 days',
    zh: '请选择未来7天内的整点或半点时段',
  },
  'video.identity_required': {
    status: 409,
    en: 'Record the identity check, with the liveness check passed, before closing as served',
    zh: '办结前请先登记身份核验，且活体检测须通过',
  },
});
