import { defineErrors } from '../../errors.ts';

/** This module's error codes: stable API, never renamed or reused. */
export const noticeError = defineErrors({
  'notice.not_found': { status: 404, en: 'No such notice', zh: '通告不存在' },
  'notice.same_person': {
    status: 409,
    en: 'You compiled this draft: another person of the association reviews and publishes it',
    zh: '草稿由您汇编，须由本协会另一位同事审核发布',
  },
  'notice.no_draft': { status: 409, en: 'There is no draft to publish; compile one first', zh: '没有待发布的草稿，请先汇编' },
});
