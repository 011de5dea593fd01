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

/**
 * What kind of partner an organisation is: who refers enterprises (the federation, the commerce
 * commission's single window), who sends volunteers, the committees that post needs, the schools
 * that receive donations, the anchor enterprises whose suppliers borrow.
 */
export const PARTNER_KINDS = [
  'federation_of_commerce',
  'commerce_commission',
  'volunteer_association',
  'neighbourhood_committee',
  'village_committee',
  'school',
  'anchor_enterprise',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const PartnerKindSchema = Type.Enum([...PARTNER_KINDS]);
export const PARTNER_KIND_LABELS: Record<PartnerKind, { zh: string; en: string }> = {
  federation_of_commerce: { zh: '工商业联合会', en: 'Federation of industry and commerce' },
  commerce_commission: { zh: '商务委员会（单一窗口）', en: 'Commerce commission (single window)' },
  volunteer_association: { zh: '志愿者协会', en: 'Volunteer association' },
  neighbourhood_committee: { zh: '居民委员会', en: 'Neighbourhood committee' },
  village_committee: { zh: '村民委员会', en: 'Village committee' },
  school: { zh: '学校', en: 'School' },
  anchor_enterprise: { zh: '核心企业', en: 'Anchor enterprise' },
  other: { zh: '其他', en: 'Other' },
};
/** The partner kinds that stand for a committee: they name it by its twelve-digit code. */
export const COMMITTEE_PARTNER_KINDS = ['neighbourhood_committee', 'village_committee'] as const satisfies readonly PartnerKind[];
export const isCommitteePartner = (kind: PartnerKind | null | undefined): boolean =>
  kind !== null && kind !== undefined && (COMMITTEE_PARTNER_KINDS as readonly string[]).includes(kind);

export const Organization = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  kind: OrganizationKindSchema,
  nameZh: Type.String(),
  nameEn: Type.String(),
  uscc: Type.Union([Type.String(), Type.Null()]),
  parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  partnerKind: Type.Union([PartnerKindSchema, Type.Null()]),
  committeeCode: Type.Union([Type.String(), Type.Null()]),
});
export type Organization = Static<typeof Organization>;

const Names = {
  nameZh: Type.String({ minLength: 1, maxLength: 200 }),
  nameEn: Type.String({ minLength: 1, maxLength: 200 }),
  uscc: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  parentId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
};
export const OrganizationInput = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,39}$' }),
    kind: OrganizationKindSchema,
    ...Names,
    partnerKind: Type.Optional(PartnerKindSchema),
    committeeCode: Type.Optional(Type.String({ pattern: '^\\d{12}$' })),
  },
  { additionalProperties: false },
);
export type OrganizationInput = Static<typeof OrganizationInput>;
export const OrganizationChange = Type.Partial(Type.Object(Names), { additionalProperties: false, minProperties: 1 });
export type OrganizationChange = Static<typeof OrganizationChange>;

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
