import { type Static, Type } from 'typebox';
import { Correction, ImportRejects } from './errors.ts';

export const ZONE_LEVELS = ['sealed', 'controlled', 'precaution'] as const;
export type ZoneLevel = (typeof ZONE_LEVELS)[number];
export const ZONE_LEVEL_LABELS: Record<ZoneLevel, { zh: string; en: string }> = {
  sealed: { zh: '封控区', en: 'Sealed' },
  controlled: { zh: '管控区', en: 'Controlled' },
  precaution: { zh: '防范区', en: 'Precaution' },
};

export const ZoneInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'compound (小区) or street name' }),
    streetCode: Type.String({ pattern: '^3101\\d{5}$' }),
    committeeCode: Type.Optional(
      Type.String({ pattern: '^3101\\d{8}$', description: 'the neighbourhood or village committee (居委会、村委会) of the compound' }),
    ),
    wholeStreet: Type.Optional(Type.Boolean({ description: 'the whole street is declared' })),
    lat: Type.Optional(Type.Number({ minimum: 30.6, maximum: 31.9 })),
    lng: Type.Optional(Type.Number({ minimum: 120.8, maximum: 122.2 })),
    level: Type.Enum([...ZONE_LEVELS]),
    from: Type.String({ format: 'date' }),
    to: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
);
export type ZoneInput = Static<typeof ZoneInput>;
export const ZoneChange = Correction(ZoneInput);
export type ZoneChange = Static<typeof ZoneChange>;

/** The columns of a zone file, as the city's spreadsheets head them (the import also reads the field names). */
export const ZONE_FILE_COLUMNS: readonly (readonly [keyof ZoneInput, string])[] = [
  ['name', '名称'],
  ['streetCode', '街道代码'],
  ['committeeCode', '居委会代码'],
  ['wholeStreet', '整街'],
  ['lat', '纬度'],
  ['lng', '经度'],
  ['level', '等级'],
  ['from', '开始日期'],
  ['to', '结束日期'],
];

export const ZoneView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  districtCode: Type.String(),
  streetCode: Type.Union([Type.String(), Type.Null()]),
  committeeCode: Type.Union([Type.String(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lng: Type.Union([Type.Number(), Type.Null()]),
  wholeStreet: Type.Boolean(),
  level: Type.Enum([...ZONE_LEVELS]),
  from: Type.String(),
  to: Type.Union([Type.String(), Type.Null()]),
});
export type ZoneView = Static<typeof ZoneView>;

export const BranchFlag = Type.Object({
  branchId: Type.String(),
  orgId: Type.String(),
  branchName: Type.String(),
  districtCode: Type.String(),
  zoneId: Type.String(),
  zoneName: Type.String(),
  why: Type.Enum(['in_sealed_street', 'near_sealed_compound']),
  distanceKm: Type.Union([Type.Number(), Type.Null()]),
  /** What the institution is asked to do: close while the zone lasts. Never done silently. */
  proposed: Type.Object({
    closed: Type.Literal(true),
    from: Type.String(),
    to: Type.Union([Type.String(), Type.Null()]),
    reason: Type.Literal('lockdown_zone'),
  }),
  alreadyClosed: Type.Boolean(),
});
export type BranchFlag = Static<typeof BranchFlag>;

/** A zone import: how many were imported, and the rows that were not. */
export const ZoneImportAnswer = Type.Object({ imported: Type.Integer(), ...ImportRejects });
export type ZoneImportAnswer = Static<typeof ZoneImportAnswer>;
