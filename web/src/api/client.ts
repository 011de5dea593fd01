import type { ErrorBody, FieldProblem } from '@shouhu/common';

/** An error answer of the API: its stable code and both messages. */
export class ApiError extends Error {
  readonly code: string;
  readonly messageZh: string;
  readonly status: number;
  readonly details: unknown;

  constructor(status: number, body: ErrorBody | undefined) {
    super(body?.error.message ?? 'The network connection failed; try again shortly');
    this.status = status;
    this.code = body?.error.code ?? 'network.error';
    this.messageZh = body?.error.message_zh ?? '网络连接失败，请稍后再试';
    this.details = body?.error.details;
  }

  /** The message in the interface language (a validation answer's says what is wrong with which field). */
  describe(language: string): string {
    return language.startsWith('zh') ? this.messageZh : this.message;
  }

  /** Each field the server refused, by its path in the request (`mobile`, `windows.0.from`), with what is wrong. */
  describeFields(language: string): Record<string, string> {
    const fields = (this.details as { fields?: FieldProblem[] } | undefined)?.fields ?? [];
    return Object.fromEntries(
      fields.map((f) => [f.field.replace(/^(body|querystring|params)\./, ''), language.startsWith('zh') ? f.message_zh : f.message]),
    );
  }
}

function readCookie(name: string): string | undefined {
  return document.cookie
    .split('; ')
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

/** Calls the API with the session cookie and, on unsafe requests, the CSRF token. */
export async function api<T>(
  path: string,
  options: { method?: string; body?: unknown; file?: File; form?: FormData; signal?: AbortSignal } = {},
): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  // A spreadsheet upload goes as it is, typed by its extension.
  if (options.file)
    headers['content-type'] = options.file.name.endsWith('.xlsx')
      ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      : 'text/csv';
  if (method !== 'GET') {
    const csrf = readCookie('shouhu_csrf');
    if (csrf) headers['x-csrf-token'] = decodeURIComponent(csrf);
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      // A form (an attachment) is sent as multipart, its boundary set by the browser.
      body: options.form ?? options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, undefined);
  }
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiError(res.status, body as ErrorBody | undefined);
  return body as T;
}
