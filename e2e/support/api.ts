import assert from 'node:assert/strict';
import type { RunningServer } from './server.ts';

export type Headers = Record<string, string>;

/** A console user's session over the API: the cookie and the CSRF token its writes send. */
export async function signInByApi(server: RunningServer, username: string, password = 'Shouhu-demo-2022'): Promise<Headers> {
  const res = await fetch(`${server.url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const cookie = (res.headers.getSetCookie().find((c) => c.startsWith('shouhu_session=')) ?? '').split(';')[0] as string;
  return { cookie, 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** One API call: its status and its JSON answer. */
export async function callApi(server: RunningServer, path: string, headers: Headers = {}, method = 'GET', body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}
