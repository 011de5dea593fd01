import type { Db } from '../../db/database.ts';
import { createId } from '../../platform/ids.ts';
import { selectOrganizationIdByCode } from '../organizations/repo.ts';
import { insertCompound, insertGrid, selectCompoundByName, selectGrids } from './repo.ts';

// Synthetic compounds (小区) under the demo committees, and grids a bank and a district drew.
const COMPOUNDS: [committeeCode: string, name: string, lat: number, lng: number][] = [
  ['310101002001', '云南中路 171 弄', 31.2352, 121.4803],
  ['310101002001', '云南中路 201 弄', 31.2361, 121.4809],
  ['310101002002', '龙泉园路 12 弄', 31.2369, 121.4838],
  ['310115004001', '潍坊一村', 31.2303, 121.5261],
  ['310115004001', '潍坊一村北块', 31.2318, 121.5255],
  ['310151101201', '城桥村一组', 31.6301, 121.3942],
];

export async function seedPlaces(db: Db): Promise<number> {
  const regulator = await selectOrganizationIdByCode(db, 'regulator-sh');
  const boc = await selectOrganizationIdByCode(db, 'boc-sh');
  if (!regulator || !boc) return 0;
  let made = 0;
  for (const [committeeCode, name, lat, lng] of COMPOUNDS) {
    if (await selectCompoundByName(db, committeeCode, name)) continue;
    await insertCompound(db, { id: createId(), committeeCode, name, address: null, lat, lng, registeredBy: regulator.id });
    made++;
  }
  if ((await selectGrids(db, { orgId: null })).length === 0) {
    await insertGrid(db, {
      id: createId(),
      orgId: boc.id,
      districtCode: null,
      name: '南京东路支行服务网格',
      committeeCodes: JSON.stringify(['310101002001', '310101002002', '310101002003']),
    });
    await insertGrid(db, {
      id: createId(),
      orgId: null,
      districtCode: '310101',
      name: '黄浦区南京东路街道网格',
      committeeCodes: JSON.stringify(['310101002001', '310101002002', '310101002003', '310101002006']),
    });
    made += 2;
  }
  return made;
}
