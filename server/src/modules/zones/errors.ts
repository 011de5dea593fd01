import { defineErrors } from '../../errors.ts';

/** This module's error codes: stable API, never renamed or reused. */
export const zoneError = defineErrors({
  'zone.not_found': { status: 404, en: 'No such zone', zh: '管控区域不存在' },
  'zone.withdrawn': { status: 409, en: 'The zone was withdrawn; enter it again instead', zh: '该管控区域已撤回，如需要请重新录入' },
  'zone.import_invalid': {
    status: 400,
    en: 'Some rows of the file are invalid; nothing was imported',
    zh: '文件中有无效的行，未导入任何数据',
  },
});
