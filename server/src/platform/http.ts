import { ErrorBody } from '@shouhu/common';

/** Response schemas for the error answers a route can give, for OpenAPI. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody]));
}
