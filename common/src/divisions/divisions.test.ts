import { describe, expect, it } from 'vitest';
import { findDivision, PROVINCE_CODES, SHANGHAI_DISTRICTS } from '../index.ts';

describe('division codes', () => {
  it('has the 16 districts of Shanghai, each with its streets and towns', () => {
    expect(SHANGHAI_DISTRICTS).toHaveLength(16);
    expect(SHANGHAI_DISTRICTS.map((d) => d.name)).toContain('浦东新区');
    for (const d of SHANGHAI_DISTRICTS) {
      expect(d.code).toMatch(/^3101\d\d$/);
      expect(d.streets.length).toBeGreaterThan(0);
      for (const s of d.streets) expect(s.code.startsWith(d.code)).toBe(true);
    }
    const streets = SHANGHAI_DISTRICTS.reduce((n, d) => n + d.streets.length, 0);
    expect(streets).toBeGreaterThan(200);
  });

  it('finds a district or street by code', () => {
    expect(findDivision('310101')?.name).toBe('黄浦区');
    const street = SHANGHAI_DISTRICTS[0]?.streets[0];
    expect(findDivision(street?.code ?? '')).toEqual({ code: street?.code, name: street?.name, districtCode: '310101' });
    expect(findDivision('310103')).toBeUndefined();
  });

  it('lists the province-level codes', () => {
    expect(PROVINCE_CODES.find((p) => p.code === '31')?.name).toBe('上海市');
    expect(PROVINCE_CODES).toHaveLength(34);
  });
});

describe('neighbourhood and village committees', () => {
  it('lists the real committees of a street, and finds one by its code', async () => {
    const { countCommittees, findCommittee, listCommittees } = await import('./committees.ts');
    expect(countCommittees()).toBeGreaterThan(6000);
    const nanjing = listCommittees('310101002');
    expect(nanjing.length).toBeGreaterThan(5);
    expect(nanjing[0]).toMatchObject({ code: '310101002001', name: '云南中路居委会', districtCode: '310101', kind: 'neighbourhood' });
    expect(findCommittee('310101002001')?.name).toBe('云南中路居委会');
    expect(findCommittee('310101002999')).toBeUndefined();
    expect(findCommittee('31010100200')).toBeUndefined();
    expect(listCommittees('310101')).toEqual([]);
    // Towns have villages: some committees are village committees.
    const villages = ['310151101', '310120101', '310117101'].flatMap(listCommittees).filter((c) => c.kind === 'village');
    expect(villages.length).toBeGreaterThan(0);
  });
});
