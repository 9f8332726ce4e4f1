// The one place that says "this customer changed": every write to a customer's events, orders, tags, attributes,
// custom fields or stages calls recordCustomerChange (or recordCustomerChanges for a set) in its transaction.
// Other modules (segments, dynamic tags, SOP triggers) register listeners; a listener runs inside the writer's
// transaction, so its writes commit with it.
import type { Tx } from '../../db/tenancy';

export type CustomerChangeReason =
  'event' | 'order' | 'tag' | 'attribute' | 'custom_field' | 'stage' | 'merge' | 'points' | 'follow' | 'segment';

export type CustomerChangeListener = (
  tx: Tx,
  corpId: string,
  customerId: string,
  reason: CustomerChangeReason,
) => Promise<void>;
/** Set-based variant for writers of many customers at once (event batches, bulk tagging). */
export type CustomersChangeListener = (
  tx: Tx,
  corpId: string,
  customerIds: readonly string[],
  reason: CustomerChangeReason,
) => Promise<void>;

const single: CustomerChangeListener[] = [];
const batch: CustomersChangeListener[] = [];

function remover<T>(list: T[], item: T): () => void {
  return () => {
    const i = list.indexOf(item);
    if (i >= 0) list.splice(i, 1);
  };
}

/** Called once per changed customer. Returns a function that removes the listener. */
export function onCustomerChanged(listener: CustomerChangeListener): () => void {
  single.push(listener);
  return remover(single, listener);
}

/** Called once per writing transaction with every customer it changed (deduplicated); cheaper for large batches. */
export function onCustomersChanged(listener: CustomersChangeListener): () => void {
  batch.push(listener);
  return remover(batch, listener);
}

export async function recordCustomerChange(
  tx: Tx,
  corpId: string,
  customerId: string,
  reason: CustomerChangeReason,
): Promise<void> {
  await recordCustomerChanges(tx, corpId, [customerId], reason);
}

export async function recordCustomerChanges(
  tx: Tx,
  corpId: string,
  customerIds: readonly string[],
  reason: CustomerChangeReason,
): Promise<void> {
  if (customerIds.length === 0) return;
  const ids = [...new Set(customerIds)];
  for (const l of batch) await l(tx, corpId, ids, reason);
  for (const l of single) for (const id of ids) await l(tx, corpId, id, reason);
}
