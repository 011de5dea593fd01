import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DeskAnswer } from '@shouhu/common';
import { errorResponses } from './http.ts';
import type { ModuleManifest } from './module.ts';

/** The work desk (工作台): what waits for the signed-in user, gathered from every capability's manifest. */
export function deskRoutes(modules: readonly ModuleManifest[]): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/desk',
      {
        config: { access: 'self.use' },
        schema: {
          tags: ['figures'],
          summary: 'What waits for the signed-in user, with counts and the console page for each',
          response: { 200: DeskAnswer, ...errorResponses(401, 403) },
        },
      },
      async (req) => {
        const lists = await Promise.all(modules.map((m) => m.desk?.(req.ctx) ?? Promise.resolve([])));
        return { items: lists.flat() };
      },
    );
  };
}
