// Route schemas of the dashboard (/api/dashboard…), shared by the server's routes and the console.
import { Type, type Static } from '@sinclair/typebox';

export const DashboardSummarySchema = Type.Object({
  staff: Type.Integer(),
  customers: Type.Integer(),
  groups: Type.Integer(),
  newCustomersByDay: Type.Array(Type.Object({ day: Type.String({ description: 'YYYY-MM-DD' }), count: Type.Integer() })),
  addsByChannel: Type.Array(Type.Object({ channel: Type.String(), count: Type.Integer() })),
});
export type DashboardSummary = Static<typeof DashboardSummarySchema>;
