import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Items, NoticeEntry, NoticePublishInput, NoticeSummary, NoticeView } from '@shouhu/common';
import { Type } from 'typebox';
import { XLSX_TYPE } from '../../platform/files.ts';
import { errorResponses } from '../../platform/http.ts';
import { renderNoticePdf } from './pdf.ts';
import { compileDraft, getDraft, getPublished, listMine, listPublished, publishDraft, toAtom, toXlsx } from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** `publicBaseUrl` from configuration, never the request's Host header, which any caller can set. */
export const noticeRoutes =
  ({ publicBaseUrl }: { publicBaseUrl: string }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/v1/notices/draft',
      {
        config: { access: 'notice.publish' },
        schema: {
          tags: ['notices'],
          summary: 'Compile the notice as of a date from all member banks’ adjustments (replaces the open draft)',
          body: Type.Object({ asOf: Type.String({ format: 'date' }) }, { additionalProperties: false }),
          response: { 201: NoticeView, ...errorResponses(400, 401, 403) },
        },
      },
      async (req, reply) => reply.status(201).send(await compileDraft(req.ctx, req.body.asOf)),
    );
    app.get(
      '/api/v1/notices/draft',
      {
        config: { access: 'notice.publish' },
        schema: { tags: ['notices'], summary: 'The draft under review', response: { 200: NoticeView, ...errorResponses(401, 403, 409) } },
      },
      async (req) => getDraft(req.ctx),
    );
    app.post(
      '/api/v1/notices/draft/publish',
      {
        config: { access: 'notice.publish' },
        schema: {
          tags: ['notices'],
          summary:
            'Publish the reviewed draft as the next numbered, immutable version, with its document number and signing date; by another person of the association than the one who compiled it',
          body: NoticePublishInput,
          response: { 200: NoticeView, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (req) => publishDraft(req.ctx, req.body),
    );
    app.get(
      '/api/v1/notices/mine',
      {
        config: { access: 'branch.read' },
        schema: {
          tags: ['notices'],
          summary: 'The own institution’s branches listed in a published version',
          querystring: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
          response: { 200: Items(NoticeEntry), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req) => ({ items: await listMine(req.ctx, req.query.id) }),
    );
    app.get(
      '/api/v1/public/notices',
      {
        config: { access: 'public' },
        schema: {
          tags: ['notices'],
          summary: 'Published versions of the notice, newest first',
          response: {
            200: Items(NoticeSummary),
          },
        },
      },
      async (req) => ({ items: await listPublished(req.ctx.db) }),
    );
    app.get(
      '/api/v1/public/notices/feed.atom',
      { config: { access: 'public' }, schema: { tags: ['notices'], summary: 'Atom feed of published versions' } },
      async (req, reply) => reply.type('application/atom+xml; charset=utf-8').send(await toAtom(req.ctx.db, publicBaseUrl)),
    );
    app.get(
      '/api/v1/public/notices/:id',
      {
        config: { access: 'public' },
        schema: {
          tags: ['notices'],
          summary: 'One published version, with what changed since the previous one',
          params: IdParams,
          response: { 200: NoticeView, ...errorResponses(400, 404) },
        },
      },
      async (req) => getPublished(req.ctx.db, req.params.id),
    );
    app.get(
      '/api/v1/public/notices/:id/pdf',
      {
        config: { access: 'public' },
        schema: { tags: ['notices'], summary: 'One published version as a PDF (Chinese font embedded)', params: IdParams },
      },
      async (req, reply) => {
        const notice = await getPublished(req.ctx.db, req.params.id);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="notice-v${notice.version}.pdf"`)
          .send(await renderNoticePdf(notice));
      },
    );
    app.get(
      '/api/v1/public/notices/:id/xlsx',
      {
        config: { access: 'public' },
        schema: { tags: ['notices'], summary: 'One published version as an XLSX workbook', params: IdParams },
      },
      async (req, reply) => {
        const notice = await getPublished(req.ctx.db, req.params.id);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', `attachment; filename="notice-v${notice.version}.xlsx"`)
          .send(await toXlsx(notice));
      },
    );
  };
