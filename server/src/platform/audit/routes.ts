import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditEventPage } from '@shouhu/common';
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import { scopeOf } from '../access/policy.ts';
import { errorResponses } from '../http.ts';
import type { RecordNamer } from '../module.ts';
import { listAuditCheckpoints } from './checkpoints.ts';
import { nameActors } from './timeline.ts';

// Record ids the namers look up are UUIDs; other record ids (a date, a job key) are names already.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The audit routes; `recordNamers` (from the modules' manifests) name the records for people. */
export const auditRoutes =
  (recordNamers: Readonly<Record<string, RecordNamer>>): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/audit-checkpoints',
      {
        config: { access: 'audit.search' },
        schema: {
          tags: ['audit'],
          summary:
            'The signed checkpoints of the audit trail as JSON lines, to keep apart from the platform; `shouhu audit verify --checkpoints FILE` checks the trail against them',
          response: { 200: Type.String({ description: 'one signed checkpoint per line' }), ...errorResponses(401, 403) },
        },
      },
      async (_req, reply) => {
        const lines = (await listAuditCheckpoints(app.db)).map((c) => JSON.stringify(c)).join('\n');
        return reply
          .type('application/x-ndjson; charset=utf-8')
          .header('content-disposition', 'attachment; filename="audit-checkpoints.jsonl"')
          .send(lines ? `${lines}\n` : '');
      },
    );

    app.get(
      '/api/v1/audit-events',
      {
        config: { access: 'audit.search' },
        schema: {
          tags: ['audit'],
          summary: 'Search the audit trail: the regulator all of it, an institution admin their own organisation’s',
          querystring: Type.Object(
            {
              actorId: Type.Optional(Type.String({ maxLength: 64 })),
              action: Type.Optional(Type.String({ maxLength: 64 })),
              recordType: Type.Optional(Type.String({ maxLength: 64 })),
              recordId: Type.Optional(Type.String({ maxLength: 64 })),
              outcome: Type.Optional(Type.Enum(['success', 'denied', 'failure'])),
              from: Type.Optional(Type.String({ format: 'date-time' })),
              to: Type.Optional(Type.String({ format: 'date-time' })),
              before: Type.Optional(Type.String({ format: 'uuid', description: 'id of the last event of the previous page' })),
              limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
            },
            { additionalProperties: false },
          ),
          response: { 200: AuditEventPage, ...errorResponses(400, 401, 403) },
        },
      },
      async (req) => {
        const { actor } = req.ctx;
        // A person, or a token their organisation made for its systems (a SIEM reading the trail).
        if (actor.type !== 'user' && actor.type !== 'token') throw new AppError('access.denied');
        const q = req.query;
        // Ids are UUIDv7, so their order is time order across all chains.
        let query = req.ctx.db.selectFrom('auditEvents').selectAll().orderBy('id', 'desc').limit(q.limit);
        // Institution admins see what happened to their organisation's records and what their people did.
        if (scopeOf(actor, 'audit.search') !== 'all')
          query = query.where((eb) => eb.or([eb('orgId', '=', actor.orgId), eb('actorOrgId', '=', actor.orgId)]));
        if (q.actorId) query = query.where('actorId', '=', q.actorId);
        if (q.action) query = query.where('action', '=', q.action);
        if (q.recordType) query = query.where('recordType', '=', q.recordType);
        if (q.recordId) query = query.where('recordId', '=', q.recordId);
        if (q.outcome) query = query.where('outcome', '=', q.outcome);
        if (q.from) query = query.where('occurredAt', '>=', new Date(q.from));
        if (q.to) query = query.where('occurredAt', '<', new Date(q.to));
        if (q.before) query = query.where('id', '<', q.before);
        const rows = await query.execute();
        const actors = await nameActors(req.ctx, rows);
        const records = new Map<string, Map<string, string>>();
        for (const [type, list] of Map.groupBy(rows, (r) => r.recordType ?? '')) {
          const namer = Object.hasOwn(recordNamers, type) ? recordNamers[type] : undefined;
          const ids = [...new Set(list.map((r) => r.recordId).filter((id): id is string => id !== null))];
          if (namer && ids.length > 0)
            records.set(
              type,
              await namer(
                req.ctx.db,
                ids.filter((id) => UUID.test(id)),
              ),
            );
        }
        const items = rows.map(({ prevHash: _p, hash: _h, ...r }) => ({
          ...r,
          seq: Number(r.seq),
          occurredAt: new Date(r.occurredAt).toISOString(),
          actorName: r.actorType === 'user' ? (actors.get(r.actorId ?? '') ?? null) : null,
          recordName: records.get(r.recordType ?? '')?.get(r.recordId ?? '') ?? null,
        }));
        return { items, next: items.length === q.limit ? (items.at(-1)?.id ?? null) : null };
      },
    );
  };
