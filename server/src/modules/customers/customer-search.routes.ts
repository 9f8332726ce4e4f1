// POST /api/customers/search and /api/customers/export: the customer list filtered by any segment rule.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import { PageNumber, pageSize } from '../../http/paging';
import { SEARCH_COLUMNS, SORT_COLUMNS } from './customer-search.repo';
import type { CustomerSearchService } from './customer-search.service';
import { pickLocale } from '../../http/errors';
import { CustomerSearchPageSchema, CustomerSearchTotalSchema, FileAnswer } from '@siyu/contracts';


// Rule trees are checked by the semantic validator (400 invalid_rule with the path of the bad node).
const RuleBody = Type.Unknown({
  description: 'Segment rule tree: { all | any: [...] } | { not: rule } | leaf { kind, ... }',
});
const Columns = Type.Array(Type.Union(SEARCH_COLUMNS.map((c) => Type.Literal(c))), {
  maxItems: SEARCH_COLUMNS.length,
  default: ['name', 'owners', 'createdAt'],
});
const SearchBody = Type.Object(
  {
    rule: RuleBody,
    columns: Columns,
    sort: Type.Optional(
      Type.Object(
        {
          by: Type.Union(SORT_COLUMNS.map((c) => Type.Literal(c))),
          dir: Type.Union([Type.Literal('asc'), Type.Literal('desc')]),
        },
        { additionalProperties: false },
      ),
    ),
    page: PageNumber,
    pageSize: pageSize(),
    // The total beside the page: 'estimate' at once (flagged totalEstimated), 'exact' (a full evaluation), 'none'.
    total: Type.Optional(CustomerSearchTotalSchema),
    // The older switch, kept for callers of before `total`: false the page alone, true the exact count.
    withTotal: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const ExportBody = Type.Object({ rule: RuleBody, columns: Columns }, { additionalProperties: false });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerCustomerSearchRoutes(app: FastifyInstance, search: CustomerSearchService) {
  app.post<{ Body: Static<typeof SearchBody> }>(
    '/api/customers/search',
    { config: { access: { permission: 'customers.read' } }, schema: { tags: ['customers'], body: SearchBody, response: { 200: CustomerSearchPageSchema } } },
    async (req) => search.search(requireAuth(req), req.body),
  );

  app.post<{ Body: Static<typeof ExportBody> }>(
    '/api/customers/export',
    { config: { access: { permission: 'customers.export' } }, schema: { tags: ['customers'], body: ExportBody, response: { 200: FileAnswer(XLSX, 'the matching customers as a spreadsheet') } } },
    async (req, reply) => {
      const { buffer } = await search.export(requireAuth(req), req.body, pickLocale(req.headers['accept-language'], req.cookies?.siyu_locale));
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="customers-${stamp}.xlsx"`)
        .send(buffer);
    },
  );
}
