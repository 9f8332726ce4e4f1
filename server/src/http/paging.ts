import { Type } from '@sinclair/typebox';

// Paging fields of list routes: page numbers from 1, page sizes bounded per list.
export const PageNumber = Type.Integer({ minimum: 1, maximum: 100_000, default: 1 });
export const pageSize = (max = 200, byDefault = 20) => Type.Integer({ minimum: 1, maximum: max, default: byDefault });
