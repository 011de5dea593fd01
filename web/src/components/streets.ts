import { SHANGHAI_DISTRICTS } from '@shouhu/common';

/** District → street options for antd's Cascader, from the division codes in common. */
export const STREET_OPTIONS = SHANGHAI_DISTRICTS.map((d) => ({
  value: d.code,
  label: d.name,
  children: d.streets.map((s) => ({ value: s.code, label: s.name })),
}));
