import { type Static, Type } from 'typebox';

const CommitteeCode = Type.String({ pattern: '^3101\\d{8}$', description: 'a neighbourhood or village committee (居委会、村委会)' });

export const CompoundInput = Type.Object(
  {
    committeeCode: CommitteeCode,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    lat: Type.Optional(Type.Number({ minimum: 30.6, maximum: 31.9 })),
    lng: Type.Optional(Type.Number({ minimum: 120.8, maximum: 122.2 })),
  },
  { additionalProperties: false },
);
export type CompoundInput = Static<typeof CompoundInput>;

export const CompoundView = Type.Object({
  id: Type.String(),
  committeeCode: Type.String(),
  name: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lng: Type.Union([Type.Number(), Type.Null()]),
});
export type CompoundView = Static<typeof CompoundView>;

export const GridInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    /** A district's grid (the regulator's); an institution's grids leave it out. */
    districtCode: Type.Optional(Type.String({ pattern: '^3101\\d{2}$' })),
    committeeCodes: Type.Array(CommitteeCode, { minItems: 1, maxItems: 2000, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type GridInput = Static<typeof GridInput>;

export const GridView = Type.Object({
  id: Type.String(),
  orgId: Type.Union([Type.String(), Type.Null()]),
  districtCode: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  committeeCodes: Type.Array(Type.String()),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type GridView = Static<typeof GridView>;
