import { type Static, Type } from 'typebox';
import { Items } from './errors.ts';
import type { Role } from './identity.ts';

export const ORGANIZATION_KINDS = ['regulator', 'association', 'bank', 'insurer', 'partner'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Which roles fit which kind of organisation: the server refuses others, the console offers only these. */
export const ROLES_BY_KIND: Record<OrganizationKind, readonly Role[]> = {
  regulator: ['regulator'],
  association: ['association'],
  bank: ['institution_admin', 'institution_staff'],
  insurer: ['institution_admin', 'institution_staff'],
  partner: ['partner'],
};
/** The kinds that serve customers (banks and insurers): the institutions of home visits, the cloud branch and service levels. */
export const INSTITUTION_KINDS = ['bank', 'insurer'] as const satisfies readonly OrganizationKind[];
export const isInstitution = (kind: OrganizationKind): boolean => (INSTITUTION_KINDS as readonly string[]).includes(kind);

export const OrganizationKindSchema = Type.Enum([...ORGANIZATION_KINDS]);

export const Organization = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  kind: OrganizationKindSchema,
  nameZh: Type.String(),
  nameEn: Type.String(),
  uscc: Type.Union([Type.String(), Type.Null()]),
  parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
});
export type Organization = Static<typeof Organization>;

export const OrganizationList = Items(Organization);
export type OrganizationList = Static<typeof OrganizationList>;

/** Chinese and English labels of each kind, for every screen that shows one. */
export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, { zh: string; en: string }> = {
  regulator: { zh: '监管机构', en: 'Regulator' },
  association: { zh: '行业协会', en: 'Associations' },
  bank: { zh: '银行', en: 'Banks' },
  insurer: { zh: '保险公司', en: 'Insurers' },
  partner: { zh: '合作单位', en: 'Partners' },
};
