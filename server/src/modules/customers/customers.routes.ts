import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import { registerCustomerSearchRoutes } from './customer-search.routes';
import type { CustomersService } from './customers.service';
import { PageNumber, pageSize } from '../../http/paging';
import { CustomerDetailSchema, CustomerListSchema } from '@siyu/contracts';


export function registerCustomersRoutes(app: FastifyInstance, customers: CustomersService) {
  app.get<{ Querystring: { q?: string; page: number; pageSize: number } }>(
    '/api/customers',
    {
      config: { access: { permission: 'customers.read' } },
      schema: {
        tags: ['customers'],
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100 })),
            page: PageNumber,
            pageSize: pageSize(),
          },
          { additionalProperties: false },
        ),
        response: { 200: CustomerListSchema },
      },
    },
    async (req) => customers.list(requireAuth(req), req.query),
  );

  app.get<{ Params: { id: string } }>(
    '/api/customers/:id',
    { config: { access: { permission: 'customers.read' } }, schema: { tags: ['customers'], params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: CustomerDetailSchema } } },
    async (req) => customers.get(requireAuth(req), req.params.id),
  );

  registerCustomerSearchRoutes(app, customers);
}
