/** The subset of `fetch` the client uses; global `fetch` fits. */
export type FetchLike = (
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string | FormData; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
