/**
 * What is wrong with one field of a request, said the same way by the server (in its error
 * answers) and by the web (beside the field, and before sending): a stable reason code, the
 * field's own label, a sentence in each language.
 */
export const FIELD_REASONS = [
  'required',
  'too_short',
  'too_long',
  'format',
  'length',
  'choice',
  'type',
  'too_small',
  'too_large',
  'too_few',
  'too_many',
  'duplicate',
  'not_allowed',
  'unknown',
  'before_start',
  'range_too_long',
  'checksum',
  'region',
  'birthdate',
  'contains_nul',
  'unpaired_surrogate',
  'not_finite',
  'invalid',
] as const;
export type FieldReason = (typeof FIELD_REASONS)[number];

/** One problem as the API answers it in `details.fields` of validation.failed. */
export interface FieldProblem {
  /** Where: `body.mobile`, `body.windows.0.from`, `querystring.day`. */
  field: string;
  reason: FieldReason;
  /** The bound broken, for too_short, too_long, too_small, too_large, too_few, too_many. */
  limit?: number;
  message: string;
  message_zh: string;
}

type Label = { zh: string; en: string };

/**
 * Field labels by field name (one name per idea, from database to screen): the last part of a
 * field's path names it. A name missing here is shown as it is.
 */
export const FIELD_LABELS: Record<string, Label> = {
  mobile: { zh: '手机号码', en: 'Mobile number' },
  code: { zh: '验证码', en: 'Code' },
  residentId: { zh: '身份证号码', en: 'Resident ID number' },
  name: { zh: '姓名', en: 'Name' },
  orgId: { zh: '机构', en: 'Institution' },
  service: { zh: '业务', en: 'Service' },
  reason: { zh: '原因', en: 'Reason' },
  streetCode: { zh: '街道或乡镇', en: 'Street or town' },
  districtCode: { zh: '区', en: 'District' },
  compound: { zh: '小区名称', en: 'Compound' },
  address: { zh: '楼号门牌', en: 'Building and room' },
  windows: { zh: '期望上门时间', en: 'Preferred time' },
  from: { zh: '开始时间', en: 'From' },
  to: { zh: '结束时间', en: 'To' },
  at: { zh: '时间', en: 'Time' },
  day: { zh: '日期', en: 'Date' },
  slotAt: { zh: '预约时段', en: 'Booked slot' },
  reference: { zh: '办理编号', en: 'Reference number' },
  userId: { zh: '工作人员', en: 'Staff member' },
  outcome: { zh: '办理结果', en: 'Outcome' },
  note: { zh: '备注', en: 'Note' },
  earlyReason: { zh: '提前办结原因', en: 'Reason for closing early' },
  changeReason: { zh: '更正原因', en: 'Reason for the correction' },
  documents: { zh: '查验的证件', en: 'Documents seen' },
  livenessPassed: { zh: '活体检测', en: 'Liveness check' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  currentPassword: { zh: '当前密码', en: 'Current password' },
  newPassword: { zh: '新密码', en: 'New password' },
  role: { zh: '角色', en: 'Role' },
  uscc: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  nameZh: { zh: '中文名称', en: 'Chinese name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  kind: { zh: '类型', en: 'Kind' },
  parentId: { zh: '上级机构', en: 'Parent organisation' },
  phone: { zh: '电话', en: 'Telephone' },
  hours: { zh: '营业时间', en: 'Opening hours' },
  lat: { zh: '纬度', en: 'Latitude' },
  lng: { zh: '经度', en: 'Longitude' },
  level: { zh: '管控等级', en: 'Control level' },
  url: { zh: '网址', en: 'Address (URL)' },
  scopes: { zh: '权限范围', en: 'Scopes' },
  field: { zh: '字段', en: 'Field' },
  recordId: { zh: '记录', en: 'Record' },
  header: { zh: '表头', en: 'Header row' },
  weeklyHours: { zh: '营业时间', en: 'Opening hours' },
  services: { zh: '业务', en: 'Services' },
  wholeStreet: { zh: '整街', en: 'Whole street' },
  coordinateSystem: { zh: '坐标系', en: 'Coordinate system' },
  stepFree: { zh: '无障碍通道', en: 'Step-free access' },
  open: { zh: '开始营业时间', en: 'Opening time' },
  close: { zh: '结束营业时间', en: 'Closing time' },
  partnerKind: { zh: '合作单位类型', en: 'Kind of partner' },
  committeeCode: { zh: '居委会或村委会', en: 'Neighbourhood or village committee' },
  text: { zh: '通知正文', en: 'Notice text' },
  days: { zh: '日期', en: 'Days' },
  email: { zh: '电子邮箱', en: 'E-mail' },
  file: { zh: '文件', en: 'File' },
};

/** A field's label from its path (`body.windows.0.from` → the label of `from`). */
export function labelField(field: string, lang: 'zh' | 'en'): string {
  const name =
    field
      .split('.')
      .filter((part) => !/^\d+$/.test(part) && !['body', 'querystring', 'params', 'headers'].includes(part))
      .at(-1) ?? field;
  return FIELD_LABELS[name]?.[lang] ?? name;
}

const SENTENCES: Record<FieldReason, { zh: (l: string, n?: number) => string; en: (l: string, n?: number) => string }> = {
  required: { zh: (l) => `请填写${l}`, en: (l) => `${l} is required` },
  too_short: { zh: (l, n) => `${l}至少${n}个字符`, en: (l, n) => `${l} needs at least ${n} characters` },
  too_long: { zh: (l, n) => `${l}最多${n}个字符`, en: (l, n) => `${l} takes at most ${n} characters` },
  format: { zh: (l) => `${l}格式不正确`, en: (l) => `${l} is not in a valid form` },
  length: { zh: (l) => `${l}位数不正确`, en: (l) => `${l} has the wrong number of digits` },
  choice: { zh: (l) => `请从列表中选择${l}`, en: (l) => `Choose the ${l.toLowerCase()} from the list` },
  type: { zh: (l) => `${l}的类型不正确`, en: (l) => `${l} is of the wrong type` },
  too_small: { zh: (l, n) => `${l}不能小于${n}`, en: (l, n) => `${l} cannot be below ${n}` },
  too_large: { zh: (l, n) => `${l}不能大于${n}`, en: (l, n) => `${l} cannot be above ${n}` },
  too_few: { zh: (l, n) => `${l}至少${n}项`, en: (l, n) => `${l} needs at least ${n}` },
  too_many: { zh: (l, n) => `${l}最多${n}项`, en: (l, n) => `${l} takes at most ${n}` },
  duplicate: { zh: (l) => `${l}有重复项`, en: (l) => `${l} has a repeated entry` },
  not_allowed: { zh: (l) => `不接受字段“${l}”`, en: (l) => `“${l}” is not accepted here` },
  unknown: { zh: (l) => `没有这个${l}`, en: (l) => `No such ${l.toLowerCase()}` },
  before_start: { zh: (l) => `${l}不能早于开始`, en: (l) => `${l} cannot be before the start` },
  range_too_long: { zh: (l, n) => `${l}与结束相隔不能超过${n}天`, en: (l, n) => `${l} cannot be more than ${n} days before the end` },
  checksum: { zh: (l) => `${l}校验位错误`, en: (l) => `${l}: the check digit is wrong` },
  region: { zh: (l) => `${l}的地区码不存在`, en: (l) => `${l}: no such region code` },
  birthdate: { zh: (l) => `${l}中的出生日期不正确`, en: (l) => `${l}: the date of birth is not a real date` },
  contains_nul: { zh: (l) => `${l}含有不可保存的控制字符`, en: (l) => `${l} contains a character that cannot be stored` },
  unpaired_surrogate: { zh: (l) => `${l}含有无法识别的字符`, en: (l) => `${l} contains a broken character` },
  not_finite: { zh: (l) => `${l}不是有效数字`, en: (l) => `${l} is not a finite number` },
  invalid: { zh: (l) => `${l}有误`, en: (l) => `${l} is not valid` },
};

/** The sentence for one problem, in a language, with the field's label. */
export function describeFieldProblem(problem: { field: string; reason: FieldReason; limit?: number }, lang: 'zh' | 'en'): string {
  return SENTENCES[problem.reason][lang](labelField(problem.field, lang), problem.limit);
}

/** A problem as code finds it: the sentences are made from the reason unless it brings its own. */
export type FieldProblemInput = { field: string; reason: FieldReason; limit?: number; message?: string; message_zh?: string };

/** A problem with its sentences in both languages, as the API answers it. */
export function toFieldProblem(problem: FieldProblemInput): FieldProblem {
  return {
    ...problem,
    message: problem.message ?? describeFieldProblem(problem, 'en'),
    message_zh: problem.message_zh ?? describeFieldProblem(problem, 'zh'),
  };
}
