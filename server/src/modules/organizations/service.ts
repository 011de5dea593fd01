import type { OrganizationKind } from '@shouhu/common';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { selectOrganization, selectOrganizations } from './repo.ts';

/** Organisations are public facts (who regulates, who serves); no personal data here. */
export function listOrganizations(db: Db, filter: { kind?: OrganizationKind }) {
  return selectOrganizations(db, filter);
}

export async function getOrganization(db: Db, id: string) {
  const org = await selectOrganization(db, id);
  if (!org) throw new AppError('organization.not_found', { field: 'id' });
  return org;
}
