import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { createCustomerSearchService } from './customer-search.service';
import { maskPhone } from '../../platform/policy/mask-phone';
import { ownScope } from '../../platform/policy/visible-scope';
import * as repo from './customers.repo';

export function createCustomersService(ctx: AppContext) {
  const { db } = ctx;
  const search = createCustomerSearchService(ctx);
  return {
    async list(auth: AuthContext, q: { q?: string; page: number; pageSize: number }) {
      const result = await withCorp(db, auth.corpId, (tx) => repo.listCustomers(tx, { ...q, corpId: auth.corpId, staffUserid: ownScope(auth) }));
      return { ...result, items: result.items.map((c) => ({ ...c, phone: maskPhone(c.phone, auth) })) };
    },

    async get(auth: AuthContext, id: string) {
      return withCorp(db, auth.corpId, async (tx) => {
        const customer = await repo.findCustomer(tx, auth.corpId, id);
        if (!customer) throw new DomainError('not_found');
        const follows = await repo.listFollows(tx, auth.corpId, id);
        const scope = ownScope(auth);
        if (scope && !follows.some((f) => f.staffUserid === scope && !f.deletedAt)) throw new DomainError('not_found');
        return {
          id: customer.id,
          externalUserid: customer.external_userid,
          name: customer.name,
          avatar: customer.avatar,
          type: customer.type,
          gender: customer.gender,
          unionid: customer.unionid,
          phone: maskPhone(customer.phone, auth),
          corpName: customer.corp_name,
          createdAt: customer.created_at,
          follows: follows.map((f) => ({ ...f, remarkMobiles: f.remarkMobiles.map((m) => maskPhone(m, auth)) })),
        };
      });
    },

    search: search.search,
    export: search.export,
  };
}

export type CustomersService = ReturnType<typeof createCustomersService>;
