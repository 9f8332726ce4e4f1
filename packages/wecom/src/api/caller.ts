import type { Query } from '../transport';
import type { WecomResponse } from '../types/base';

/** Authenticated access to `/cgi-bin/<api>`; resolves only when errcode is 0. */
export interface Caller {
  get<T extends WecomResponse>(api: string, query?: Query): Promise<T>;
  post<T extends WecomResponse>(api: string, body: unknown, query?: Query): Promise<T>;
}
