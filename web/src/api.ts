import type { ApiError } from '../../server/protocol/rest.ts';

/** A failed REST call: `message` is the server's `ApiError.error` (or a network error). */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

let onUnauthorized: () => void = () => {};

/** Called on a 401 from any route except /api/auth/* (where 401 means a bad password). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The one fetch wrapper: JSON both ways, the session cookie, and the CSRF header on every
 * request that is not a GET.
 */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-batten-csrf'] = '1';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiRequestError('Network error: the server cannot be reached. Check your connection and try again.', 0);
  }
  if (res.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized();
  if (!res.ok) {
    const err = await readError(res);
    throw new ApiRequestError(err.error, res.status, err.field);
  }
  const text = res.status === 204 ? '' : await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function readError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as Partial<ApiError>;
    if (typeof body.error === 'string') return { error: body.error, field: body.field };
  } catch {
    // not JSON: fall through
  }
  if (res.status === 403) return { error: 'You are not allowed to do this.' };
  return { error: `The server answered ${res.status} ${res.statusText}`.trim() };
}

export const get = <T>(path: string): Promise<T> => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}): Promise<T> => api<T>('POST', path, body);
export const del = (path: string): Promise<void> => api<void>('DELETE', path);

/** A readable sentence for any error thrown by `api`. */
export function errorText(e: unknown): string {
  if (e instanceof ApiRequestError) {
    if (e.status === 403) return `Not allowed: ${e.message}`;
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}
