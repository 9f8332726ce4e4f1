import { sql } from 'kysely';
import type { ProfileTables } from '../../db/schema-profiles';
import type { Tx } from '../../db/tenancy';

export type FieldType = ProfileTables['custom_fields']['type'];
export type FieldInput = { key: string; label: string; type: FieldType; options?: string[]; sortOrder?: number };

export function listFields(tx: Tx, corpId: string) {
  return tx
    .selectFrom('custom_fields')
    .select(['id', 'key', 'label', 'type', 'options', 'sort_order as sortOrder'])
    .where('corp_id', '=', corpId)
    .orderBy('sort_order')
    .orderBy('created_at')
    .execute();
}

export async function insertField(tx: Tx, corpId: string, f: FieldInput) {
  return tx
    .insertInto('custom_fields')
    .values({ corp_id: corpId, key: f.key, label: f.label, type: f.type, options: f.options ?? [], sort_order: f.sortOrder ?? 0 })
    .onConflict((oc) => oc.columns(['corp_id', 'key']).doNothing())
    .returning(['id', 'key', 'label', 'type', 'options', 'sort_order as sortOrder'])
    .executeTakeFirst();
}

export async function updateField(tx: Tx, corpId: string, id: string, patch: { label?: string; options?: string[]; sortOrder?: number }) {
  const set: Record<string, unknown> = {};
  if (patch.label !== undefined) set.label = patch.label;
  if (patch.options !== undefined) set.options = patch.options;
  if (patch.sortOrder !== undefined) set.sort_order = patch.sortOrder;
  if (Object.keys(set).length === 0) return tx.selectFrom('custom_fields').select('id').where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  return tx.updateTable('custom_fields').set(set).where('corp_id', '=', corpId).where('id', '=', id).returning('id').executeTakeFirst();
}

export async function deleteField(tx: Tx, corpId: string, id: string) {
  return tx.deleteFrom('custom_fields').where('corp_id', '=', corpId).where('id', '=', id).returning('id').executeTakeFirst();
}

export type FieldValue = { fieldId: string; text: string | null; number: number | null; date: string | null };

export async function writeValues(tx: Tx, corpId: string, customerId: string, values: FieldValue[]): Promise<void> {
  const clear = values.filter((v) => v.text === null && v.number === null && v.date === null).map((v) => v.fieldId);
  const set = values.filter((v) => !clear.includes(v.fieldId));
  if (clear.length) {
    await tx.deleteFrom('custom_field_values').where('corp_id', '=', corpId).where('customer_id', '=', customerId).where('field_id', 'in', clear).execute();
  }
  if (set.length) {
    await sql`
      insert into custom_field_values (corp_id, customer_id, field_id, text_value, number_value, date_value, updated_at)
      select ${corpId}, ${customerId}, v.field_id, v.text, v.number, v.date, now()
        from jsonb_to_recordset(${JSON.stringify(set.map((v) => ({ field_id: v.fieldId, text: v.text, number: v.number, date: v.date })))}::jsonb)
          as v(field_id uuid, text text, number numeric, date date)
      on conflict (corp_id, customer_id, field_id) do update set text_value = excluded.text_value,
        number_value = excluded.number_value, date_value = excluded.date_value, updated_at = now()`.execute(tx);
  }
}
