import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RevealAnswer, RevealInput } from '@shouhu/common';
import { AppError } from '../../errors.ts';
import { assertCan } from '../access/hooks.ts';
import { audit, type Context } from '../context.ts';
import { errorResponses } from '../http.ts';
import type { Revealable } from '../module.ts';
import { decryptField } from './crypto.ts';

/** Shows one field in full, to someone allowed, for a stated reason; the reveal is audited. */
export async function revealField(
  ctx: Context,
  revealable: Readonly<Record<string, Revealable>>,
  input: { recordType: string; recordId: string; field: string; reason: string },
): Promise<string | null> {
  const kind = Object.hasOwn(revealable, input.recordType) ? revealable[input.recordType] : undefined;
  if (!kind?.fields.includes(input.field)) throw new AppError('pii.field_unknown', { field: 'field' });
  if (input.reason.trim().length < 4) throw new AppError('pii.reason_required', { field: 'reason' });
  const row = await kind.load(ctx.db, input.recordId, input.field);
  if (!row) throw new AppError('pii.field_unknown', { field: 'recordId' });
  await assertCan(ctx, 'pii.reveal', { orgId: row.orgId }, { type: input.recordType, id: input.recordId });
  await audit(ctx, ctx.db, {
    action: 'pii.revealed',
    orgId: row.orgId,
    recordType: input.recordType,
    recordId: input.recordId,
    summary: { field: input.field, reason: input.reason.trim() },
  });
  return row.value === null ? null : decryptField(ctx.keys, row.value);
}

/**
 * Lets the person doing a work order see the customer's details for it: the one sent or serving
 * (`doing`) with the work order as the reason; anyone else of the institution only with the
 * reveal permission and a stated reason. Audited as a reveal either way.
 */
export async function auditWorkOrderReveal(
  ctx: Context,
  input: { orgId: string; recordType: string; recordId: string; fields: string[]; doing: boolean; workOrder: string; reason?: string },
): Promise<void> {
  const reason = input.reason?.trim() || (input.doing ? input.workOrder : '');
  if (!input.doing) {
    await assertCan(ctx, 'pii.reveal', { orgId: input.orgId }, { type: input.recordType, id: input.recordId });
    if (reason.length < 4) throw new AppError('pii.reason_required', { field: 'reason' });
  }
  await audit(ctx, ctx.db, {
    action: 'pii.revealed',
    orgId: input.orgId,
    recordType: input.recordType,
    recordId: input.recordId,
    summary: { fields: input.fields, reason, assignee: input.doing },
  });
}

/** The reveal route, over the revealable records the modules declare (by record type). */
export const revealRoutes =
  (revealable: Readonly<Record<string, Revealable>>): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/v1/pii/reveal',
      {
        config: { access: 'pii.reveal', rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: {
          tags: ['personal data'],
          summary: 'Reveal one masked field of a record, with a reason (audited)',
          body: RevealInput,
          response: { 200: RevealAnswer, ...errorResponses(400, 401, 403) },
        },
      },
      async (req) => ({ value: await revealField(req.ctx, revealable, req.body) }),
    );
  };
