import type { ErrorBody } from '@shouhu/common';

/** An error answer of the API, with its stable code and both messages. */
export class ApiError extends Error {
  readonly code: string;
  readonly messageZh: string;
  readonly status: number;

  constructor(status: number, body: ErrorBody | undefined) {
    super(body?.error.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error.code ?? 'network.error';
    this.messageZh = body?.error.message_zh ?? '网络连接失败，请稍后再试';
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { accept: 'application/json' }, signal });
  } catch {
    throw new ApiError(0, undefined);
  }
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiError(res.status, body as ErrorBody | undefined);
  return body as T;
}
