import { SHANGHAI_DISTRICTS } from './shanghai.generated.ts';

export { PROVINCE_CODES } from './provinces.generated.ts';
export { SHANGHAI_DISTRICTS } from './shanghai.generated.ts';

const byCode = new Map<string, { code: string; name: string; districtCode: string }>();
for (const d of SHANGHAI_DISTRICTS) {
  byCode.set(d.code, { code: d.code, name: d.name, districtCode: d.code });
  for (const s of d.streets) byCode.set(s.code, { code: s.code, name: s.name, districtCode: d.code });
}

/** Finds a Shanghai district (6 digits) or street/town (9 digits) by its division code. */
export function findDivision(code: string): { code: string; name: string; districtCode: string } | undefined {
  return byCode.get(code);
}
/** A street or town (街道、乡镇: a nine-digit code), or undefined for a district or an unknown code. */
export function findStreet(code: string): { code: string; name: string; districtCode: string } | undefined {
  const division = byCode.get(code);
  return division?.code.length === 9 ? division : undefined;
}
export { DISTRICT_CENTRES } from './centres.ts';
