// Route schemas of the dashboard (/api/dashboard…), shared by the server's routes and the console.
import { Type, type Static } from '@sinclair/typebox';

export const DashboardSummarySchema = Type.Object({
  staff: Type.Integer(),
  customers: Type.Integer(),
  groups: Type.Integer(),
  newCustomersByDay: Type.Array(Type.Object({ day: Type.String({ description: 'YYYY-MM-DD' }), count: Type.Integer() })),
  /** `channel` is the source's name (or its state when Siyu did not make it, '' for adds without one). */
  addsByChannel: Type.Array(
    Type.Object({
      channel: Type.String(),
      count: Type.Integer(),
      kind: Type.Optional(Type.Union([Type.Literal('channel'), Type.Literal('fission'), Type.Literal('group_code'), Type.Literal('other'), Type.Literal('none')])),
    }),
  ),
});
export type DashboardSummary = Static<typeof DashboardSummarySchema>;
