import { defineErrors } from '../../errors.ts';

/** This module's error codes: stable API, never renamed or reused. */
export const placeError = defineErrors({
  'compound.exists': { status: 409, en: 'This committee already has a compound of this name', zh: '该居委会下已有同名小区' },
  'compound.not_own_committee': {
    status: 403,
    en: 'A committee registers compounds under itself only',
    zh: '居委会只能登记本居委会辖区内的小区',
  },
  'grid.not_found': { status: 404, en: 'No such grid', zh: '网格不存在' },
  'grid.outside_district': {
    status: 400,
    en: "A district's grid holds committees of that district only",
    zh: '区级网格只能包含本区的居委会',
  },
});
