import {
  isCommitteePartner,
  type OrganizationChange,
  type OrganizationInput,
  type OrganizationKind,
  type PartnerKind,
  validateUscc,
} from '@shouhu/common';
import { findCommittee } from '@shouhu/common/committees';
import type { Db } from '../../db/database.ts';
import { validationError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { audit, type Context } from '../../platform/context.ts';
import { createId } from '../../platform/ids.ts';
import { announceBranchChange } from '../branches/finder.ts';
import { organizationError } from './errors.ts';
import {
  insertOrganization,
  selectOrganization,
  selectOrganizationIdByCode,
  selectOrganizationIdByUscc,
  selectOrganizations,
  updateOrganization,
} from './repo.ts';

/** Organisations are public facts (who regulates, who serves); no personal data here. */
export function listOrganizations(db: Db, filter: { kind?: OrganizationKind }) {
  return selectOrganizations(db, filter);
}

/** The organisation, or organization.not_found naming `field` (the request's field that gave the id). */
export async function getOrganization(db: Db, id: string, field = 'id') {
  const org = await selectOrganization(db, id);
  if (!org) throw organizationError('organization.not_found', { field });
  return org;
}

/**
 * A partner says what kind it is, and a committee which committee it is (a code that exists);
 * other organisations have neither.
 */
function checkPartner(input: OrganizationInput): { partnerKind: PartnerKind | null; committeeCode: string | null } {
  if (input.kind !== 'partner') {
    if (input.partnerKind) throw validationError([{ field: 'body.partnerKind', reason: 'not_allowed' }]);
    if (input.committeeCode) throw validationError([{ field: 'body.committeeCode', reason: 'not_allowed' }]);
    return { partnerKind: null, committeeCode: null };
  }
  if (!input.partnerKind) throw validationError([{ field: 'body.partnerKind', reason: 'required' }]);
  if (!isCommitteePartner(input.partnerKind)) {
    if (input.committeeCode) throw validationError([{ field: 'body.committeeCode', reason: 'not_allowed' }]);
    return { partnerKind: input.partnerKind, committeeCode: null };
  }
  if (!input.committeeCode) throw validationError([{ field: 'body.committeeCode', reason: 'required' }]);
  if (!findCommittee(input.committeeCode)) throw validationError([{ field: 'body.committeeCode', reason: 'unknown' }]);
  return { partnerKind: input.partnerKind, committeeCode: input.committeeCode };
}

function normalizeUscc(uscc: string | null | undefined): string | null {
  if (!uscc) return null;
  const result = validateUscc(uscc);
  if (!result.valid) throw validationError([{ field: 'body.uscc', reason: result.reason }]);
  return result.normalized;
}

async function checkUnique(db: Db, input: { code?: string; uscc?: string | null }, exceptId?: string) {
  if (input.code) {
    const same = await selectOrganizationIdByCode(db, input.code);
    if (same && same.id !== exceptId) throw organizationError('organization.code_taken', { field: 'code' });
  }
  if (input.uscc) {
    const same = await selectOrganizationIdByUscc(db, input.uscc);
    if (same && same.id !== exceptId) throw organizationError('organization.uscc_taken', { field: 'uscc' });
  }
}

/** The regulator registers an organisation (a new bank, insurer, partner). */
export async function createOrganization(ctx: Context, input: OrganizationInput) {
  await assertCan(ctx, 'organization.manage', {});
  const uscc = normalizeUscc(input.uscc);
  const partner = checkPartner(input);
  const id = createId();
  return ctx.db.transaction().execute(async (trx) => {
    await checkUnique(trx, { code: input.code, uscc });
    if (input.parentId && !(await selectOrganization(trx, input.parentId)))
      throw organizationError('organization.parent_not_found', { field: 'parentId' });
    const row = {
      id,
      code: input.code,
      kind: input.kind,
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      uscc,
      parentId: input.parentId ?? null,
      ...partner,
    };
    await insertOrganization(trx, row);
    await audit(ctx, trx, { action: 'organization.created', orgId: id, recordType: 'organization', recordId: id, summary: { after: row } });
    return (await selectOrganization(trx, id)) as NonNullable<Awaited<ReturnType<typeof selectOrganization>>>;
  });
}

export async function changeOrganization(ctx: Context, id: string, input: OrganizationChange) {
  await assertCan(ctx, 'organization.manage', { orgId: id });
  const before = await getOrganization(ctx.db, id);
  const uscc = input.uscc === undefined ? undefined : normalizeUscc(input.uscc);
  return ctx.db.transaction().execute(async (trx) => {
    await checkUnique(trx, { uscc }, id);
    if (input.parentId) {
      if (input.parentId === id || !(await selectOrganization(trx, input.parentId)))
        throw organizationError('organization.parent_not_found', { field: 'parentId' });
    }
    const changes = { ...input, ...(uscc === undefined ? {} : { uscc }) };
    await updateOrganization(trx, id, changes);
    const after = (await selectOrganization(trx, id)) as NonNullable<Awaited<ReturnType<typeof selectOrganization>>>;
    // The public finder shows each branch's institution by name: every process reloads the names.
    if (after.nameZh !== before.nameZh || after.nameEn !== before.nameEn) await announceBranchChange(trx, 'channels');
    await audit(ctx, trx, {
      action: 'organization.updated',
      orgId: id,
      recordType: 'organization',
      recordId: id,
      summary: { before, after },
    });
    return after;
  });
}
