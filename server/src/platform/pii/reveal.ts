import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { assertCan } from '../access/hooks.ts';
import { audit, type Context } from '../context.ts';
import { errorResponses } from '../http.ts';
import { decryptField } from './crypto.ts';

/**
 * Records whose personal data can be revealed, and how to read one encrypted field with the
 * record's organisation. Modules add their record types here.
 */
const REVEALABLE: Record<
  string,
  { fields: string[]; load: (db: Db, id: string, field: string) => Promise<{ orgId: string | null; value: string | null } | undefined> }
> = {
  user: {
    fields: ['name', 'mobile'],
    load: async (db, id, field) => {
      const row = await db.selectFrom('users').select(['orgId', 'nameEnc', 'mobileEnc']).where('id', '=', id).executeTakeFirst();
      return row && { orgId: row.orgId, value: field === 'name' ? row.nameEnc : row.mobileEnc };
    },
  },
  home_visit: {
    fields: ['name', 'mobile', 'compound', 'address'],
    load: async (db, id, field) => {
      const row = await db
        .selectFrom('homeVisits')
        .select(['orgId', 'nameEnc', 'mobileEnc', 'compoundEnc', 'addressEnc'])
        .where('id', '=', id)
        .executeTakeFirst();
      const columns = { name: row?.nameEnc, mobile: row?.mobileEnc, compound: row?.compoundEnc, address: row?.addressEnc };
      return row && { orgId: row.orgId, value: columns[field as keyof typeof columns] ?? null };
    },
  },
};

/** Shows one field in full, to someone allowed, for a stated reason; the reveal is audited. */
export async function revealField(
  ctx: Context,
  input: { recordType: string; recordId: string; field: string; reason: string },
): Promise<string | null> {
  const kind = REVEALABLE[input.recordType];
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

export const revealRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/pii/reveal',
    {
      config: { access: 'pii.reveal', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags: ['personal data'],
        summary: 'Reveal one masked field of a record, with a reason (audited)',
        body: Type.Object(
          {
            recordType: Type.String({ maxLength: 40 }),
            recordId: Type.String({ format: 'uuid' }),
            field: Type.String({ maxLength: 40 }),
            reason: Type.String({ minLength: 1, maxLength: 500 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ value: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ value: await revealField(req.ctx, req.body) }),
  );
};
