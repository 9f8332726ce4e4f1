// Typed reads of JSON bodies / query strings without `any`; bad input → the caller's error.

import { SandboxError, WxError } from './errors';
import type { Json, JsonObject } from './types';

type Fail = (message: string) => Error;

export const wxFail: Fail = (m) => new WxError(40058, m);
export const sandboxFail: Fail = (m) => new SandboxError(400, 'bad_request', m);

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class Params {
  constructor(
    readonly raw: JsonObject,
    private readonly fail: Fail = wxFail,
  ) {}

  static of(v: unknown, fail: Fail = wxFail): Params {
    return new Params(isObject(v) ? v : {}, fail);
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  str(key: string): string {
    const v = this.optStr(key);
    if (v === undefined || v === '') throw this.fail(`missing ${key}`);
    return v;
  }

  optStr(key: string): string | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    throw this.fail(`${key} must be a string`);
  }

  num(key: string): number {
    const v = this.optNum(key);
    if (v === undefined) throw this.fail(`missing ${key}`);
    return v;
  }

  optNum(key: string): number | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
    if (!Number.isFinite(n)) throw this.fail(`${key} must be a number`);
    return n;
  }

  optBool(key: string): boolean | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 1 || v === '1' || v === 'true') return true;
    if (v === 0 || v === '0' || v === 'false') return false;
    throw this.fail(`${key} must be a boolean`);
  }

  strArr(key: string): string[] {
    const v = this.raw[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw this.fail(`${key} must be an array`);
    return v.map((x) => {
      if (typeof x === 'string') return x;
      if (typeof x === 'number') return String(x);
      throw this.fail(`${key} must hold strings`);
    });
  }

  numArr(key: string): number[] {
    return this.strArr(key).map((s) => {
      const n = Number(s);
      if (!Number.isFinite(n)) throw this.fail(`${key} must hold numbers`);
      return n;
    });
  }

  arr(key: string): Json[] {
    const v = this.raw[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw this.fail(`${key} must be an array`);
    return v;
  }

  obj(key: string): Params {
    const v = this.raw[key];
    if (v !== undefined && v !== null && !isObject(v)) throw this.fail(`${key} must be an object`);
    return new Params(isObject(v) ? v : {}, this.fail);
  }

  optObj(key: string): JsonObject | null {
    const v = this.raw[key];
    if (v === undefined || v === null) return null;
    if (!isObject(v)) throw this.fail(`${key} must be an object`);
    return v;
  }
}

/** Characters as WeCom counts them (code points). */
export function charLen(s: string): number {
  return [...s].length;
}

export function byteLen(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Opaque cursors: an offset, base64url-encoded. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const m = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new WxError(40058, 'invalid cursor');
  return Number(m[1]);
}

/** Slices a page and returns the next cursor ('' at the end, like WeCom). */
export function page<T>(items: T[], cursor: string | undefined, limit: number): { items: T[]; next_cursor: string } {
  const start = decodeCursor(cursor);
  const slice = items.slice(start, start + limit);
  const end = start + slice.length;
  return { items: slice, next_cursor: end < items.length ? encodeCursor(end) : '' };
}
