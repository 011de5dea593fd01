import { type Static, Type } from 'typebox';

/**
 * The regulator's bulletin (简报, 第N期): the sections of the article's account, in its order. Each
 * capability's manifest adds its paragraphs to a section, with the period's figures filled in.
 */
export const BULLETIN_SECTIONS = ['basic_services', 'key_areas', 'new_ways', 'volunteers'] as const;
export type BulletinSectionKey = (typeof BULLETIN_SECTIONS)[number];
export const BULLETIN_SECTION_HEADINGS: Record<BulletinSectionKey, { zh: string; en: string }> = {
  basic_services: { zh: '一、保障基础金融服务不断档', en: 'Keeping basic services open' },
  key_areas: { zh: '二、全力支持重点领域和重点人群', en: 'Supporting key areas' },
  new_ways: { zh: '三、创新服务方式', en: 'New ways of serving' },
  volunteers: { zh: '四、积极参与志愿服务', en: 'Volunteers' },
};

export const BulletinSection = Type.Object(
  {
    key: Type.Enum([...BULLETIN_SECTIONS]),
    heading: Type.String({ minLength: 1, maxLength: 100 }),
    text: Type.String({ maxLength: 20_000, description: 'paragraphs, one per line' }),
  },
  { additionalProperties: false },
);
export type BulletinSection = Static<typeof BulletinSection>;

export const BulletinGenerateInput = Type.Object(
  { from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) },
  { additionalProperties: false },
);
export type BulletinGenerateInput = Static<typeof BulletinGenerateInput>;

export const BulletinEditInput = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 120 }),
    sections: Type.Array(BulletinSection, { minItems: 1, maxItems: 10 }),
  },
  { additionalProperties: false },
);
export type BulletinEditInput = Static<typeof BulletinEditInput>;

export const BulletinView = Type.Object({
  id: Type.String(),
  from: Type.String(),
  to: Type.String(),
  title: Type.String(),
  sections: Type.Array(BulletinSection),
  status: Type.Enum(['draft', 'published']),
  year: Type.Union([Type.Integer(), Type.Null()]),
  number: Type.Union([Type.Integer(), Type.Null()]),
  generatedAt: Type.String({ format: 'date-time' }),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type BulletinView = Static<typeof BulletinView>;

/** Who signs the bulletin (落款): the regulator of the city this platform serves. */
export const BULLETIN_ISSUER = '上海银保监局';

/** "2022年第3期": how an issue is named. */
export const describeBulletinIssue = (b: { year: number | null; number: number | null }) =>
  b.year && b.number ? `${b.year}年第${b.number}期` : '草稿';

/** Paragraphs a capability adds to a section of the bulletin for a period. */
export interface BulletinParagraph {
  section: BulletinSectionKey;
  text: string;
}
