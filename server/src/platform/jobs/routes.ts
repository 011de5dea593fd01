import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { JOB_STATES } from '../../db/schema.ts';
import { errorResponses } from '../http.ts';
import { getJob } from './service.ts';

const JobView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  type: Type.String(),
  state: Type.Enum([...JOB_STATES]),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  progressMessage: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  result: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  runAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const jobRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/jobs/:id',
    {
      config: { access: 'job.read' },
      schema: {
        tags: ['jobs'],
        summary: 'State and progress of a background job',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: JobView, ...errorResponses(400, 404) },
      },
    },
    (req) => getJob(req.ctx, req.params.id),
  );
};
