import type { Tx } from '../../db/tenancy';

export function findCorp(tx: Tx, corpId: string) {
  return tx.selectFrom('corps').selectAll().where('id', '=', corpId).executeTakeFirst();
}

export async function renameCorp(tx: Tx, corpId: string, name: string) {
  await tx.updateTable('corps').set({ name }).where('id', '=', corpId).execute();
}
