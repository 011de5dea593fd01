import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ATTACHMENT_KINDS, AttachmentQuery, AttachmentTarget, AttachmentView, Items } from '@shouhu/common';
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../http.ts';
import type { AttachmentOwner } from '../module.ts';
import { addAttachment, downloadAttachment, listAttachments } from './service.ts';

const LARGEST = Math.max(...Object.values(ATTACHMENT_KINDS).map((k) => k.maxBytes));

/** Files on records, for staff past the second factor; whose record it is decides who may add, list and download. */
export function attachmentRoutes(owners: Readonly<Record<string, AttachmentOwner>>): FastifyPluginAsyncTypebox {
  const ownerOf = (recordType: string) => {
    const owner = Object.hasOwn(owners, recordType) ? owners[recordType] : undefined;
    if (!owner) throw new AppError('attachment.record_unknown', { field: 'recordType', allowed: Object.keys(owners) });
    return owner;
  };
  return async (app) => {
    // One file per request, streamed: nothing beyond the largest kind's limit is read.
    await app.register(multipart, { limits: { fileSize: LARGEST, files: 1, fields: 0, parts: 1, headerPairs: 50 } });
    app.post(
      '/api/v1/attachments',
      {
        config: { access: 'self.use' },
        schema: {
          tags: ['attachments'],
          summary: 'Attach one file (multipart/form-data, field "file") to a record you may change',
          querystring: AttachmentTarget,
          response: { 201: AttachmentView, ...errorResponses(400, 401, 403, 404, 413, 415) },
        },
      },
      async (req, reply) => {
        const owner = ownerOf(req.query.recordType);
        if (!req.isMultipart()) throw new AppError('request.unsupported_media_type', { field: 'file' });
        const file = await req.file();
        if (!file) throw new AppError('file.empty', { field: 'file' });
        const view = await addAttachment(req.ctx, owner, req.query.recordType, req.query.recordId, {
          kind: req.query.kind,
          fileName: file.filename,
          declaredType: file.mimetype,
          stream: file.file,
        });
        return reply.status(201).send(view);
      },
    );
    app.get(
      '/api/v1/attachments',
      {
        config: { access: 'self.use' },
        schema: {
          tags: ['attachments'],
          summary: "A record's files",
          querystring: AttachmentQuery,
          response: { 200: Items(AttachmentView), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req) => ({ items: await listAttachments(req.ctx, ownerOf(req.query.recordType), req.query.recordType, req.query.recordId) }),
    );
    app.get(
      '/api/v1/attachments/:id',
      {
        config: { access: 'self.use' },
        schema: {
          tags: ['attachments'],
          summary: 'Download a file (audited)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: {
            200: Type.Unsafe<Buffer>({ description: 'the file', type: 'string', format: 'binary' }),
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (req, reply) => {
        const { view, content } = await downloadAttachment(req.ctx, owners, req.params.id);
        return reply
          .header('content-type', view.mediaType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(view.fileName)}`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(content);
      },
    );
  };
}
