import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BRANCH_SERVICES,
  ContactRevealInput,
  CustomerRecordInput,
  Items,
  JoinQueueInput,
  QueuePlace,
  TimelineEntry,
  VideoContact,
  VideoIdentityInput,
  VideoOutcomeInput,
  VideoSessionView,
} from '@shouhu/common';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { isSessionLive, watchSession } from '../../platform/auth/session-watch.ts';
import { errorResponses } from '../../platform/http.ts';
import type { JobHandler } from '../../platform/jobs/worker.ts';
import { announceQueueChange, type QueueHub } from './queue.ts';
import { promoteDueBookings } from './repo.ts';
import {
  addCustomerRecord,
  checkVideoIdentity,
  closeVideoSession,
  describePlace,
  joinQueue,
  leaveQueue,
  listMyPlaces,
  listQueue,
  listVideoTimeline,
  loadOwnPlace,
  revealVideoContact,
  takeNext,
  takeSession,
} from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['cloud branch'];
// A comment line now and then keeps proxies from closing a quiet stream.
// Also how soon a stream notices that its session has ended.
const HEARTBEAT_MS = 15_000;

export function cloudBranchRoutes(hub: QueueHub, config: Config): FastifyPluginAsyncTypebox {
  const template = config.VIDEO_ROOM_URL_TEMPLATE;
  return async (app) => {
    // Open event streams end before the server closes, so that it does not wait on them.
    const streams = new Set<ServerResponse>();
    app.addHook('preClose', async () => {
      for (const s of streams) s.end();
    });

    app.post(
      '/api/v1/public/video-queue',
      {
        config: { access: 'citizen.self' },
        schema: {
          tags,
          summary: 'Join an institution’s video queue for a service now, or book a later half-hour slot',
          body: JoinQueueInput,
          response: { 201: QueuePlace, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.status(201).send(await joinQueue(req.ctx, hub, template, req.body)),
    );
    app.get(
      '/api/v1/public/video-sessions',
      {
        config: { access: 'citizen.self' },
        schema: {
          tags,
          summary: 'The verified customer’s open places (to come back to the same place)',
          response: { 200: Items(QueuePlace), ...errorResponses(401, 403) },
        },
      },
      async (req) => ({ items: await listMyPlaces(req.ctx, hub, template) }),
    );
    app.get(
      '/api/v1/public/video-sessions/:id/events',
      {
        config: { access: 'citizen.self' },
        schema: {
          tags,
          summary: 'Server-sent events: the place (position, wait, room link once taken) whenever it changes',
          params: IdParams,
          response: {
            200: {
              description: 'A stream of `event: place` messages whose data is the QueuePlace as JSON, sent at once and on each change',
              content: { 'text/event-stream': { schema: Type.String() } },
            },
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (req, reply) => {
        const row = await loadOwnPlace(req.ctx, req.params.id);
        const first = (await describePlace(req.ctx.db, hub, template, row.id)) as QueuePlace;
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          'x-accel-buffering': 'no',
        });
        res.write('retry: 3000\n\n');
        streams.add(res);
        const { position: _p, waitMinutes: _w, status: _s, roomUrl: _r, ...base } = first;
        const stop = hub.subscribe(
          row.orgId,
          row.service,
          base,
          (place) => res.write(`event: place\ndata: ${JSON.stringify(place)}\n\n`),
          first,
        );
        // The stream lasts as long as the citizen's session: it ends when that is revoked, runs out
        // or goes idle (checked at each heartbeat), and the page asks the customer to verify again.
        const sessionId = req.ctx.actor.type === 'citizen' ? req.ctx.actor.sessionId : '';
        const end = () => res.end('event: end\ndata: {"reason":"session_ended"}\n\n');
        const unwatch = await watchSession(req.ctx.db, sessionId, end);
        const heartbeat = setInterval(async () => {
          if (await isSessionLive(req.ctx.db, sessionId).catch(() => true)) res.write(': still here\n\n');
          else end();
        }, HEARTBEAT_MS);
        res.on('close', () => {
          unwatch();
          stop();
          clearInterval(heartbeat);
          streams.delete(res);
        });
      },
    );
    app.delete(
      '/api/v1/public/video-sessions/:id',
      {
        config: { access: 'citizen.self' },
        schema: {
          tags,
          summary: 'Leave the queue (or cancel a booking)',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        await leaveQueue(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/video-queue',
      {
        config: { access: 'cloudBranch.serve' },
        schema: {
          tags,
          summary: 'The institution’s queue: waiting in order, bookings, and sessions being served (personal data masked)',
          querystring: Type.Object({ service: Type.Optional(Type.Enum([...BRANCH_SERVICES])) }, { additionalProperties: false }),
          response: { 200: Items(VideoSessionView), ...errorResponses(400, 401, 403) },
        },
      },
      async (req) => ({ items: await listQueue(req.ctx, template, req.query) }),
    );
    app.post(
      '/api/v1/video-queue/next',
      {
        config: { access: 'cloudBranch.serve' },
        schema: {
          tags,
          summary:
            'Take the next waiting customer of a queue, or of all the institution’s queues when no service is named (each customer goes to exactly one agent)',
          body: Type.Object({ service: Type.Optional(Type.Enum([...BRANCH_SERVICES])) }, { additionalProperties: false }),
          response: { 200: VideoSessionView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req) => takeNext(req.ctx, template, req.body.service),
    );
    app.post(
      '/api/v1/video-sessions/:id/take',
      {
        config: { access: 'cloudBranch.serve' },
        schema: {
          tags,
          summary: 'Take a chosen customer',
          params: IdParams,
          response: { 200: VideoSessionView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => takeSession(req.ctx, template, req.params.id),
    );
    app.post(
      '/api/v1/video-sessions/:id/identity-check',
      {
        config: { access: 'cloudBranch.serve' },
        schema: {
          tags,
          summary: 'Record the identity check: resident ID (validated), name (matched to the customer record), liveness',
          params: IdParams,
          body: VideoIdentityInput,
          response: { 200: VideoSessionView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => checkVideoIdentity(req.ctx, template, req.params.id, req.body),
    );
    app.post(
      '/api/v1/video-sessions/:id/outcome',
      {
        config: { access: 'cloudBranch.serve' },
        schema: {
          tags,
          summary: 'Close the session: served, not served, or did not join',
          params: IdParams,
          body: VideoOutcomeInput,
          response: { 200: VideoSessionView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => closeVideoSession(req.ctx, template, req.params.id, req.body),
    );
    app.get(
      '/api/v1/video-sessions/:id/timeline',
      {
        config: { access: 'cloudBranch.serve' },
        schema: {
          tags,
          summary: 'The session’s history: who did what, when (from the audit trail)',
          params: IdParams,
          response: { 200: Items(TimelineEntry), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req) => ({ items: await listVideoTimeline(req.ctx, req.params.id) }),
    );
    app.post(
      '/api/v1/video-sessions/:id/contact',
      {
        config: { access: 'cloudBranch.serve', rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: {
          tags,
          summary:
            'The customer’s mobile: for the agent serving them (to call when there is no video room), else with the reveal permission and a reason (audited)',
          params: IdParams,
          body: ContactRevealInput,
          response: { 200: VideoContact, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req) => revealVideoContact(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/api/v1/customer-records',
      {
        config: { access: 'cloudBranch.serve' },
        schema: {
          tags,
          summary: 'Add or replace a customer record of the institution, for matching names on video',
          body: CustomerRecordInput,
          response: { 204: Type.Null(), ...errorResponses(400, 401, 403) },
        },
      },
      async (req, reply) => {
        await addCustomerRecord(req.ctx, req.body);
        return reply.status(204).send(null);
      },
    );
  };
}

/** Bookings whose slot has come join their queue's line (a recurring job). */
export const promoteBookingsJob: JobHandler = async ({ db }) => {
  const promoted = await promoteDueBookings(db);
  const queues = new Map(promoted.map((p) => [`${p.orgId}|${p.service}`, p]));
  for (const q of queues.values()) await announceQueueChange(db, q.orgId, q.service);
};
