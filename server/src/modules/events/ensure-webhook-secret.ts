// The corp's events webhook secret, made on first use: the demo hands it to the sandbox, which plays the shop and
// signs its events with it like a real shop would.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { withCorp } from '../../db/tenancy';
import { webhookSecret } from './api-keys.repo';

export function ensureWebhookSecret(db: Kysely<DB>, corpId: string): Promise<string> {
  return withCorp(db, corpId, (tx) => webhookSecret(tx, corpId, false));
}
