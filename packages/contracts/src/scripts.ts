// Route schemas of the script library (话术库, /api/scripts…): folders, scripts with their {{name}} / {{staff}}
// variables and what stage or tags they suit, and how often each staff member used each one.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Items, Nullable } from './common';

/** The variables a script may hold; the sidebar fills them before sending. */
export const SCRIPT_VARIABLES = ['name', 'staff'] as const;

export const ScriptFolderSchema = Type.Object({ id: Type.String(), name: Type.String(), sortOrder: Type.Integer(), scripts: Type.Integer() });
export type ScriptFolder = Static<typeof ScriptFolderSchema>;

export const ScriptSchema = Type.Object({
  id: Type.String(),
  folderId: Nullable(Type.String()),
  title: Type.String(),
  content: Type.String(),
  /** WeCom tag ids and stage ids this script suits ("next best thing to say") */
  tagIds: Type.Array(Type.String()),
  stageIds: Type.Array(Type.String()),
  /** uses by every staff member together */
  uses: Type.Integer(),
  updatedAt: DateTime,
});
export type Script = Static<typeof ScriptSchema>;

export const ScriptListQuery = Type.Object(
  { folderId: Type.Optional(Type.String({ format: 'uuid' })), q: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);
export const ScriptListSchema = Type.Object({ items: Type.Array(ScriptSchema), folders: Type.Array(ScriptFolderSchema) });
export type ScriptList = Static<typeof ScriptListSchema>;

export const ScriptBody = Type.Object(
  {
    folderId: Nullable(Type.String({ format: 'uuid' })),
    title: Type.String({ minLength: 1, maxLength: 60 }),
    content: Type.String({ minLength: 1, maxLength: 2000 }),
    tagIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 }),
    stageIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type ScriptInput = Static<typeof ScriptBody>;

export const ScriptFolderBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 30 }) }, { additionalProperties: false });

export const ScriptUseSchema = Type.Object({ scriptId: Type.String(), title: Type.String(), staffUserid: Type.String(), staffName: Type.String(), uses: Type.Integer(), lastUsedAt: DateTime });
export const ScriptUseListSchema = Items(ScriptUseSchema);
export type ScriptUse = Static<typeof ScriptUseSchema>;

/** Fills {{name}} and {{staff}}; an unknown variable stays as written. */
export function fillScript(content: string, vars: { name: string; staff: string }): string {
  return content.replace(/\{\{\s*(name|staff)\s*\}\}/g, (_m, key: 'name' | 'staff') => vars[key]);
}
