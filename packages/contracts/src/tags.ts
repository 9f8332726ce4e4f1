// Route schemas of corp tags (/api/tags…), shared by the server's routes and the console.
import { Type, type Static } from '@sinclair/typebox';

export const TagGroupSchema = Type.Object({
  groupId: Type.String(),
  name: Type.String(),
  sortOrder: Type.Integer(),
  tags: Type.Array(
    Type.Object({
      tagId: Type.String(),
      groupId: Type.String(),
      name: Type.String(),
      sortOrder: Type.Integer(),
      /** customers whose current follows carry the tag */
      customers: Type.Integer(),
    }),
  ),
});
export type TagGroup = Static<typeof TagGroupSchema>;
export const TagTreeSchema = Type.Object({ groups: Type.Array(TagGroupSchema) });
