import type { OrganizationKind, PartnerKind } from '@shouhu/common';
import { findCommittee } from '@shouhu/common/committees';
import type { Db } from '../../db/database.ts';
import { createId } from '../../platform/ids.ts';
import { selectOrganizationIdByCode, upsertOrganization } from './repo.ts';

// The organisations named in the account of spring 2022 (shared/domain/source-article.zh.txt).
// Codes are stable handles for demo sign-ins and fixtures; `parent` is the association a member belongs to.
export const DEMO_ORGANIZATIONS: {
  code: string;
  kind: OrganizationKind;
  nameZh: string;
  nameEn: string;
  parent?: string;
  partnerKind?: PartnerKind;
  committeeCode?: string;
}[] = [
  { code: 'regulator-sh', kind: 'regulator', nameZh: '上海银保监局', nameEn: 'CBIRC Shanghai Office' },
  { code: 'sba', kind: 'association', nameZh: '上海市银行同业公会', nameEn: 'Shanghai Banking Association' },
  { code: 'sia', kind: 'association', nameZh: '上海市保险同业公会', nameEn: 'Shanghai Insurance Association' },
  { code: 'bosc', kind: 'bank', nameZh: '上海银行', nameEn: 'Bank of Shanghai', parent: 'sba' },
  { code: 'cib-sh', kind: 'bank', nameZh: '兴业银行上海分行', nameEn: 'Industrial Bank Shanghai Branch', parent: 'sba' },
  { code: 'hsbc-sh', kind: 'bank', nameZh: '汇丰中国上海分行', nameEn: 'HSBC China Shanghai Branch', parent: 'sba' },
  { code: 'cmbc-sh', kind: 'bank', nameZh: '民生银行上海分行', nameEn: 'China Minsheng Bank Shanghai Branch', parent: 'sba' },
  { code: 'boc-sh', kind: 'bank', nameZh: '中国银行上海市分行', nameEn: 'Bank of China Shanghai Branch', parent: 'sba' },
  { code: 'citic-sh', kind: 'bank', nameZh: '中信银行上海分行', nameEn: 'China CITIC Bank Shanghai Branch', parent: 'sba' },
  { code: 'srcb', kind: 'bank', nameZh: '上海农商银行', nameEn: 'Shanghai Rural Commercial Bank', parent: 'sba' },
  { code: 'spdb-sh', kind: 'bank', nameZh: '浦发银行上海分行', nameEn: 'SPD Bank Shanghai Branch', parent: 'sba' },
  { code: 'bocom-sh', kind: 'bank', nameZh: '交通银行上海市分行', nameEn: 'Bank of Communications Shanghai Branch', parent: 'sba' },
  { code: 'pingan-life-sh', kind: 'insurer', nameZh: '平安人寿上海分公司', nameEn: 'Ping An Life Shanghai Branch', parent: 'sia' },
  { code: 'huaxia-life-sh', kind: 'insurer', nameZh: '华夏人寿上海分公司', nameEn: 'Huaxia Life Shanghai Branch', parent: 'sia' },
  { code: 'sino-life-sh', kind: 'insurer', nameZh: '富德生命人寿上海分公司', nameEn: 'Funde Sino Life Shanghai Branch', parent: 'sia' },
  { code: 'minsheng-life-sh', kind: 'insurer', nameZh: '民生人寿上海分公司', nameEn: 'Minsheng Life Shanghai Branch', parent: 'sia' },
  { code: 'cpic-pc-sh', kind: 'insurer', nameZh: '太保财险上海分公司', nameEn: 'CPIC Property & Casualty Shanghai Branch', parent: 'sia' },
  { code: 'taiping-life-sh', kind: 'insurer', nameZh: '太平人寿上海分公司', nameEn: 'Taiping Life Shanghai Branch', parent: 'sia' },
  { code: 'chinalife-sh', kind: 'insurer', nameZh: '中国人寿上海市分公司', nameEn: 'China Life Shanghai Branch', parent: 'sia' },
  { code: 'sinosure-sh', kind: 'insurer', nameZh: '中国出口信用保险公司上海分公司', nameEn: 'Sinosure Shanghai Branch', parent: 'sia' },
  {
    code: 'shfic',
    kind: 'partner',
    partnerKind: 'federation_of_commerce',
    nameZh: '上海市工商业联合会',
    nameEn: 'Shanghai Federation of Industry and Commerce',
  },
  {
    code: 'shcomm',
    kind: 'partner',
    partnerKind: 'commerce_commission',
    nameZh: '上海市商务委员会（国际贸易单一窗口）',
    nameEn: 'Shanghai Commission of Commerce (International Trade Single Window)',
  },
  {
    code: 'shva',
    kind: 'partner',
    partnerKind: 'volunteer_association',
    nameZh: '上海市志愿者协会',
    nameEn: 'Shanghai Volunteer Association',
  },
  { code: 'dingdong', kind: 'partner', partnerKind: 'anchor_enterprise', nameZh: '叮咚买菜', nameEn: 'Dingdong Maicai (grocery platform)' },
  // Committees of demo streets (codes from the division data), which post their residents' needs.
  ...(
    [
      ['310101002001', '黄浦区南京东路街道云南中路居委会', 'Yunnan Road (Middle) Neighbourhood Committee, Nanjing Road (East), Huangpu'],
      ['310101002002', '黄浦区南京东路街道龙泉园路居委会', 'Longquanyuan Road Neighbourhood Committee, Nanjing Road (East), Huangpu'],
      ['310115004001', '浦东新区潍坊新村街道潍坊一村居委会', 'Weifang No. 1 Village Neighbourhood Committee, Weifang Xincun, Pudong'],
      ['310151101201', '崇明区城桥镇城桥村村委会', 'Chengqiao Village Committee, Chengqiao Town, Chongming'],
    ] as const
  ).map(([committeeCode, nameZh, nameEn]) => ({
    code: `committee-${committeeCode}`,
    kind: 'partner' as const,
    partnerKind: findCommittee(committeeCode)?.kind === 'village' ? ('village_committee' as const) : ('neighbourhood_committee' as const),
    committeeCode,
    nameZh,
    nameEn,
  })),
  // Schools the banks supplied during the lockdown (the article: more than twenty universities and schools).
  { code: 'school-fudan', kind: 'partner', partnerKind: 'school', nameZh: '复旦大学', nameEn: 'Fudan University' },
  { code: 'school-tongji', kind: 'partner', partnerKind: 'school', nameZh: '同济大学', nameEn: 'Tongji University' },
];

/** Inserts or refreshes the demo organisations; safe to run again. */
export async function seedOrganizations(db: Db): Promise<number> {
  await db.transaction().execute(async (trx) => {
    for (const org of DEMO_ORGANIZATIONS) {
      const parentId = org.parent ? ((await selectOrganizationIdByCode(trx, org.parent))?.id ?? null) : null;
      await upsertOrganization(trx, {
        id: createId(),
        code: org.code,
        kind: org.kind,
        nameZh: org.nameZh,
        nameEn: org.nameEn,
        uscc: null,
        parentId,
        partnerKind: org.partnerKind ?? null,
        committeeCode: org.committeeCode ?? null,
      });
    }
  });
  return DEMO_ORGANIZATIONS.length;
}
