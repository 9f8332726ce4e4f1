/** Error thrown for any non-2xx answer (or a network failure, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The server's explanation of a validation failure (which field, which rule), when it gave one. */
  readonly detail: string | undefined;

  constructor(status: number, code: string, message: string, detail?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

type UnauthorizedHandler = (error: ApiError) => void;

let onUnauthorized: UnauthorizedHandler | null = null;
let acceptLanguage = 'zh-CN';

/** Called on every 401 (except a failed login attempt). The session uses it to go back to /login. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  onUnauthorized = handler;
}

/** The server answers errors in the user's language. */
export function setRequestLanguage(locale: string): void {
  acceptLanguage = locale;
}

/** Paths whose 401 means "wrong input", not "session is gone". */
const NO_REDIRECT_PATHS = new Set(['/api/auth/login']);

interface ErrorBody {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // not JSON: keep the defaults below
  }
  const code = typeof body.code === 'string' ? body.code : `http_${res.status}`;
  const message = typeof body.message === 'string' ? body.message : res.statusText || code;
  return new ApiError(res.status, code, message, typeof body.detail === 'string' ? body.detail : undefined);
}

export async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': acceptLanguage };
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal };
  if (body !== undefined) {
    // Only with a body: Fastify rejects an empty body sent as application/json.
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', err instanceof Error ? err.message : String(err));
  }

  if (!res.ok) {
    const error = await toApiError(res);
    // A wrong password on an invitation link is an input error too.
    const wrongInput = NO_REDIRECT_PATHS.has(path) || /^\/api\/invitations\/[^/]+\/accept$/.test(path);
    if (error.status === 401 && !wrongInput) onUnauthorized?.(error);
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
