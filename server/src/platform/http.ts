import { ErrorBody } from '@shouhu/common';
import type { FastifyRequest } from 'fastify';

/** Response schemas for the error answers a route can give, for OpenAPI. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody]));
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Whether the caller is on this machine: the socket's own peer, not the client address a proxy
 * reports, and no proxy in between (a proxy on the same host connects from loopback too).
 */
export function isLoopbackCaller(req: FastifyRequest): boolean {
  const forwarded = req.headers['x-forwarded-for'] ?? req.headers.forwarded ?? req.headers['x-real-ip'];
  return forwarded === undefined && LOOPBACK.test(req.socket.remoteAddress ?? '');
}
