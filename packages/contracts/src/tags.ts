// Route schemas of corp tags (/api/tags…), shared by the server's routes and the console.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from './common';

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

/** The answer of POST /api/tags: the tags WeCom made, in their group. */
export const CreatedTagsSchema = Type.Object({
  groupId: Type.String(),
  tags: Type.Array(Type.Object({ tagId: Type.String(), name: Type.String() })),
});
/** The answer of POST /api/customers/:id/tags: how many of the customer's follows were marked. */
export const TaggedCustomerSchema = Type.Object({ follows: Type.Integer() });
/** The answer of POST /api/tags/bulk (202): the job to poll, and how many customers it covers. */
export const TagJobStartedSchema = Type.Object({ id: Type.String(), customers: Type.Integer() });
export type TagJobStarted = Static<typeof TagJobStartedSchema>;

/** A bulk tagging job (GET /api/tag-jobs/:id). */
export const TagJobSchema = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('partial'), Type.Literal('failed')]),
  /** follows to mark (known once the job runs) */
  total: Type.Integer(),
  done: Type.Integer(),
  failed: Type.Integer(),
  customers: Type.Integer(),
  /** the first 100 follows WeCom refused */
  errors: Type.Array(Type.Object({ customerId: Type.String(), staffUserid: Type.String(), message: Type.String() })),
  add: Type.Array(Type.String()),
  remove: Type.Array(Type.String()),
  createdAt: DateTime,
  finishedAt: Nullable(DateTime),
});
export type TagJob = Static<typeof TagJobSchema>;
