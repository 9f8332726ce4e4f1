import type { Tx } from '../../db/tenancy';

export async function writeAudit(
  tx: Tx,
  entry: { corpId: string; actorUserId: string | null; action: string; target?: string; detail?: Record<string, unknown> },
): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      corp_id: entry.corpId,
      actor_user_id: entry.actorUserId,
      action: entry.action,
      target: entry.target ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
