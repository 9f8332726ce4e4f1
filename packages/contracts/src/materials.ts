// Route schemas of the material library (素材库, /api/materials…), shared by the server's routes, the console's
// library page and the <MaterialPicker> that broadcasts, moments, welcome messages and the sidebar use.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Items, Nullable } from './common';

export const MATERIAL_KINDS = ['text', 'image', 'link', 'miniprogram', 'file', 'video', 'poster'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export const MaterialKindSchema = Type.Union(MATERIAL_KINDS.map((k) => Type.Literal(k)));

/** WeCom's media limits (media/upload, upload_attachment): bytes, and the types each kind accepts. */
export const MATERIAL_FILE_LIMITS = {
  image: { maxBytes: 10 * 1024 * 1024, types: ['jpg', 'png'] },
  poster: { maxBytes: 10 * 1024 * 1024, types: ['jpg', 'png'] },
  video: { maxBytes: 10 * 1024 * 1024, types: ['mp4'] },
  file: { maxBytes: 20 * 1024 * 1024, types: ['any'] },
  /** A link's cover goes through media/uploadimg (a lasting URL): jpg/png ≤ 2 MB. */
  link: { maxBytes: 2 * 1024 * 1024, types: ['jpg', 'png'] },
  miniprogram: { maxBytes: 10 * 1024 * 1024, types: ['jpg', 'png'] },
} as const;
/** WeCom refuses files under 5 bytes. */
export const MATERIAL_MIN_BYTES = 5;

/** What a picker shows: the material's name, a line of what it holds, and its image when it has one. */
export const MaterialSummarySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: MaterialKindSchema,
  title: Type.String(),
  /** The text's first line, the link's URL, the file's name, the mini-program's page. */
  preview: Type.String(),
  /** `/api/materials/:id/file` for images, posters and covers; null otherwise. */
  imageUrl: Nullable(Type.String()),
});
export type MaterialSummary = Static<typeof MaterialSummarySchema>;

export const MaterialSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: MaterialKindSchema,
  title: Type.String(),
  /** As in MaterialSummary. */
  preview: Type.String(),
  folderId: Nullable(Type.String({ format: 'uuid' })),
  folderName: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  text: Type.String(),
  url: Type.String(),
  description: Type.String(),
  appid: Type.String(),
  page: Type.String(),
  fileName: Nullable(Type.String()),
  mimeType: Nullable(Type.String()),
  fileSize: Nullable(Type.Integer()),
  useCount: Type.Integer(),
  lastUsedAt: Nullable(DateTime),
  imageUrl: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type Material = Static<typeof MaterialSchema>;

export const MaterialListSchema = Type.Object({ items: Type.Array(MaterialSchema), total: Type.Integer() });
export type MaterialList = Static<typeof MaterialListSchema>;

export const MaterialListQuery = Type.Object(
  {
    folderId: Type.Optional(Type.String({ format: 'uuid' })),
    kind: Type.Optional(MaterialKindSchema),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    tag: Type.Optional(Type.String({ maxLength: 30 })),
    page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);
export type MaterialListQueryT = Static<typeof MaterialListQuery>;

const Title = Type.String({ minLength: 1, maxLength: 64 });
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 20 });

/** A file travels as base64 inside the JSON body (≤ 20 MB once decoded). */
export const MaterialFileSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    base64: Type.String({ maxLength: 28_000_000 }),
  },
  { additionalProperties: false },
);

export const CreateMaterialBody = Type.Object(
  {
    kind: MaterialKindSchema,
    title: Title,
    folderId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    tags: Type.Optional(Tags),
    /** text scripts; ≤ 4000 bytes like WeCom's text content */
    text: Type.Optional(Type.String({ maxLength: 4000 })),
    /** links */
    url: Type.Optional(Type.String({ maxLength: 2000 })),
    description: Type.Optional(Type.String({ maxLength: 512 })),
    /** mini-programs */
    appid: Type.Optional(Type.String({ maxLength: 64 })),
    page: Type.Optional(Type.String({ maxLength: 500 })),
    /** images, posters, videos, files; a link's cover; a mini-program's cover */
    file: Type.Optional(MaterialFileSchema),
  },
  { additionalProperties: false },
);
export type CreateMaterialBodyT = Static<typeof CreateMaterialBody>;

export const UpdateMaterialBody = Type.Object(
  {
    title: Type.Optional(Title),
    folderId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    tags: Type.Optional(Tags),
    text: Type.Optional(Type.String({ maxLength: 4000 })),
    url: Type.Optional(Type.String({ maxLength: 2000 })),
    description: Type.Optional(Type.String({ maxLength: 512 })),
    appid: Type.Optional(Type.String({ maxLength: 64 })),
    page: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type UpdateMaterialBodyT = Static<typeof UpdateMaterialBody>;

export const MaterialFolderSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  parentId: Nullable(Type.String({ format: 'uuid' })),
  materials: Type.Integer(),
});
export type MaterialFolder = Static<typeof MaterialFolderSchema>;
export const MaterialFolderListSchema = Items(MaterialFolderSchema);

export const FolderBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 30 }), parentId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))) },
  { additionalProperties: false },
);
export type FolderBodyT = Static<typeof FolderBody>;

export const MaterialTagListSchema = Type.Object({ tags: Type.Array(Type.String()) });
export const MaterialSummaryListSchema = Items(MaterialSummarySchema);
