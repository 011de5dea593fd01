import { SHANGHAI_COMMITTEES } from './committees.generated.ts';
import { findStreet } from './index.ts';

/** A neighbourhood committee (居委会) or village committee (村委会): a twelve-digit code under its street. */
export interface Committee {
  code: string;
  name: string;
  streetCode: string;
  districtCode: string;
  kind: 'neighbourhood' | 'village';
}

const kindOf = (name: string): Committee['kind'] => (name.endsWith('村委会') ? 'village' : 'neighbourhood');

/**
 * The committees of a street or town, in code order. Kept out of common's index (some 200 KB of
 * names): the server and the pickers that need it import '@shouhu/common/committees'.
 */
export function listCommittees(streetCode: string): Committee[] {
  const street = findStreet(streetCode);
  if (!street) return [];
  return (SHANGHAI_COMMITTEES[streetCode] ?? []).map(([suffix, name]) => ({
    code: `${streetCode}${suffix}`,
    name,
    streetCode,
    districtCode: street.districtCode,
    kind: kindOf(name),
  }));
}

/** A committee by its twelve-digit code, or undefined for a code that does not exist. */
export function findCommittee(code: string): Committee | undefined {
  if (!/^\d{12}$/.test(code)) return undefined;
  return listCommittees(code.slice(0, 9)).find((c) => c.code === code);
}

/** How many committees the city has (about 6,500 in the division data). */
export const countCommittees = (): number => Object.values(SHANGHAI_COMMITTEES).reduce((n, list) => n + list.length, 0);
