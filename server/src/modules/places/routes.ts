import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CompoundInput, CompoundView, GridInput, GridView, Items } from '@shouhu/common';
import { Type } from 'typebox';
import { errorResponses } from '../../platform/http.ts';
import { changeGrid, defineGrid, listCompounds, listGrids, registerCompound } from './service.ts';

const tags = ['places'];

export const placeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/compounds',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The compounds (小区) registered under a committee',
        querystring: Type.Object({ committeeCode: Type.String({ pattern: '^3101\\d{8}$' }) }, { additionalProperties: false }),
        response: { 200: Items(CompoundView), ...errorResponses(400) },
      },
    },
    async (req) => ({ items: await listCompounds(req.ctx, req.query.committeeCode) }),
  );
  app.post(
    '/api/v1/compounds',
    {
      config: { access: 'compound.manage' },
      schema: {
        tags,
        summary: 'Register a compound under a committee (the regulator any; a committee its own)',
        body: CompoundInput,
        response: { 201: CompoundView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await registerCompound(req.ctx, req.body)),
  );
  app.get(
    '/api/v1/grids',
    {
      config: { access: 'grid.manage' },
      schema: {
        tags,
        summary: 'Grids (网格): the own organisation’s, or every one for the regulator',
        response: { 200: Items(GridView), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await listGrids(req.ctx) }),
  );
  app.post(
    '/api/v1/grids',
    {
      config: { access: 'grid.manage' },
      schema: {
        tags,
        summary: 'Define a grid as a set of committees',
        body: GridInput,
        response: { 201: GridView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.status(201).send(await defineGrid(req.ctx, req.body)),
  );
  app.put(
    '/api/v1/grids/:id',
    {
      config: { access: 'grid.manage' },
      schema: {
        tags,
        summary: 'Change a grid’s name and committees',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: GridInput,
        response: { 200: GridView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => changeGrid(req.ctx, req.params.id, req.body),
  );
};
