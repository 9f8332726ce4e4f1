// Operators set how often a product is bought again; the profile scan reminds staff when a customer is due.
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { writeAudit } from '../audit';
import { deleteRepurchaseCycle, listRepurchaseCycles, upsertRepurchaseCycle, type RepurchaseCycleInput } from './repurchase-cycles.repo';

export function createRepurchaseCyclesService({ db }: AppContext) {
  return {
    list: (auth: AuthContext) => withCorp(db, auth.corpId, async (tx) => ({ items: await listRepurchaseCycles(tx, auth.corpId) })),

    save: (auth: AuthContext, input: RepurchaseCycleInput) =>
      withCorp(db, auth.corpId, async (tx) => {
        const c = { ...input, value: input.value.trim(), name: input.name.trim() };
        if (!c.value) throw new DomainError('invalid_request', 'value must not be blank');
        const row = await upsertRepurchaseCycle(tx, auth.corpId, c);
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'repurchase_cycle.save', detail: c });
        return row;
      }),

    remove: (auth: AuthContext, id: string) =>
      withCorp(db, auth.corpId, async (tx) => {
        const r = await deleteRepurchaseCycle(tx, auth.corpId, id);
        if (!r) throw new DomainError('not_found');
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'repurchase_cycle.delete', detail: r });
      }),
  };
}

export type RepurchaseCyclesService = ReturnType<typeof createRepurchaseCyclesService>;
