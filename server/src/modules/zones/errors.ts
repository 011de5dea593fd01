import { defineErrors } from '../../errors.ts';

/** This module's error codes: stable API, never renamed or reused. */
export const zoneError = defineErrors({
  'zone.not_found': { status: 404, en: 'No such zone in force', zh: '管控区域不存在或已撤回' },
  'zone.import_invalid': {
    status: 400,
    en: 'Some rows of the file are invalid; nothing was imported',
    zh: '文件中有无效的行，未导入任何数据',
  },
});
