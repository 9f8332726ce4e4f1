// Route schemas of moments (朋友圈, /api/moments…), shared by the server's routes and the console's moments page.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from './common';
import { MaterialSummarySchema } from './materials';

export const MOMENT_STATUSES = ['queued', 'creating', 'created', 'failed', 'canceled'] as const;
export type MomentStatus = (typeof MOMENT_STATUSES)[number];
export const MomentStatusSchema = Type.Union(MOMENT_STATUSES.map((s) => Type.Literal(s)));

/** WeCom: text.content ≤ 2000 characters. */
export const MOMENT_TEXT_MAX = 2000;

export const CreateMomentBody = Type.Object(
  {
    text: Type.Optional(Type.String({ maxLength: MOMENT_TEXT_MAX })),
    /** Library materials: ≤ 9 images (or posters), or one video, or one link. */
    materialIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 9 })),
    /** Staff who publish it; with no staff and no departments, every staff member. */
    senderUserids: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 10_000 })),
    senderDepartments: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100 })),
    /** Customers carrying one of these tags may see it; empty: every customer. */
    tagIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type CreateMomentBodyT = Static<typeof CreateMomentBody>;

const Named = Type.Object({ id: Type.String(), name: Type.String() });

export const MomentSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  text: Type.String(),
  materials: Type.Array(MaterialSummarySchema),
  status: MomentStatusSchema,
  error: Nullable(Type.String()),
  senders: Type.Array(Named),
  departments: Type.Array(Named),
  tags: Type.Array(Named),
  invalidSenders: Type.Array(Named),
  /** Staff the task went to, and how many of them published it. */
  staffCount: Type.Integer(),
  publishedCount: Type.Integer(),
  likes: Type.Integer(),
  comments: Type.Integer(),
  createdAt: DateTime,
  syncedAt: Nullable(DateTime),
});
export type Moment = Static<typeof MomentSchema>;
export const MomentListSchema = Type.Object({ items: Type.Array(MomentSchema), total: Type.Integer() });

export const MomentStaffSchema = Type.Object({
  userid: Type.String(),
  name: Type.String(),
  published: Type.Boolean(),
  visibleCustomers: Type.Integer(),
  shownCustomers: Type.Integer(),
  likes: Type.Integer(),
  comments: Type.Integer(),
});
export type MomentStaff = Static<typeof MomentStaffSchema>;

export const MomentInteractionSchema = Type.Object({
  kind: Type.Union([Type.Literal('like'), Type.Literal('comment')]),
  staffName: Type.String(),
  customerName: Type.String(),
  customerId: Nullable(Type.String({ format: 'uuid' })),
  createdAt: DateTime,
});
export type MomentInteraction = Static<typeof MomentInteractionSchema>;

export const MomentDetailSchema = Type.Object({
  moment: MomentSchema,
  staff: Type.Array(MomentStaffSchema),
  interactions: Type.Array(MomentInteractionSchema),
});
export type MomentDetail = Static<typeof MomentDetailSchema>;

export const MomentListQuery = Type.Object(
  {
    status: Type.Optional(MomentStatusSchema),
    page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);
export type MomentListQueryT = Static<typeof MomentListQuery>;
