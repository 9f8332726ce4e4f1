import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { writeAudit } from '../audit';
import { recordEvent } from '../../platform/events';
import { listIdentities } from '../identity';
import { levelsOf, membershipOf, rfmOf } from '../membership';
import * as customers from './customers.repo';
import * as fields from './custom-fields.repo';
import { maskPhone } from '../../platform/policy/mask-phone';
import { visibleCustomerId } from './profile-access';
import * as repo from './profile.repo';

export type FieldValueInput = Record<string, string | number | null>;

function parseCursor(cursor: string | undefined): { at: string; id: number } | undefined {
  if (!cursor) return undefined;
  const m = /^(.+)_(\d+)$/.exec(cursor);
  if (!m || Number.isNaN(Date.parse(m[1]))) throw new DomainError('invalid_request', 'bad cursor');
  return { at: m[1], id: Number(m[2]) };
}

export function createProfileService({ db }: AppContext) {
  return {
    async profile(auth: AuthContext, requestedId: string) {
      return withCorp(db, auth.corpId, async (tx) => {
        const id = await visibleCustomerId(tx, auth, requestedId);
        const c = await customers.findCustomer(tx, auth.corpId, id);
        if (!c) throw new DomainError('not_found');
        const [identities, follows, groups, tags, stages, customFields, rfm, notes, levels] = await Promise.all([
          listIdentities(tx, auth.corpId, id),
          customers.listFollows(tx, auth.corpId, id),
          repo.customerGroups(tx, auth.corpId, c.external_userid),
          repo.customerTags(tx, auth.corpId, id),
          repo.customerStages(tx, auth.corpId, id),
          repo.customFieldValues(tx, auth.corpId, id),
          rfmOf(tx, auth.corpId, id),
          repo.listNotes(tx, auth.corpId, id),
          levelsOf(tx, auth.corpId),
        ]);
        const m = await membershipOf(tx, auth.corpId, id);
        const level = levels.find((l) => l.level === (m?.level ?? 0)) ?? null;
        const next = levels.find((l) => l.level === (m?.level ?? 0) + 1) ?? null;
        return {
          id,
          requestedId: requestedId === id ? undefined : requestedId,
          attributes: {
            externalUserid: c.external_userid,
            name: c.name,
            avatar: c.avatar,
            type: c.type,
            gender: c.gender,
            unionid: c.unionid,
            phone: maskPhone(c.phone, auth),
            corpName: c.corp_name,
            createdAt: c.created_at,
          },
          identities: identities.map((i) => (i.kind === 'phone' ? { ...i, value: maskPhone(i.value, auth) ?? '' } : i)),
          customFields,
          follows: follows.map((f) => ({ ...f, remarkMobiles: f.remarkMobiles.map((m) => maskPhone(m, auth)) })),
          groups,
          tags,
          stages,
          rfm: rfm ?? null,
          membership: {
            points: m?.points ?? 0,
            growth: m?.growth ?? 0,
            level: m?.level ?? 0,
            levelName: level?.name ?? null,
            nextLevel: next ? { level: next.level, name: next.name, minGrowth: next.minGrowth } : null,
          },
          notes,
        };
      });
    },

    async timeline(auth: AuthContext, requestedId: string, q: { types?: string; from?: string; to?: string; cursor?: string; limit: number }) {
      const cursor = parseCursor(q.cursor);
      const types = q.types ? q.types.split(',').map((t) => t.trim()).filter(Boolean) : undefined;
      return withCorp(db, auth.corpId, async (tx) => {
        const id = await visibleCustomerId(tx, auth, requestedId);
        const page = await repo.timeline(tx, auth.corpId, id, { types, from: q.from, to: q.to, cursor, limit: q.limit });
        return { ...page, types: await repo.timelineTypes(tx, auth.corpId, id) };
      });
    },

    listFields: (auth: AuthContext) => withCorp(db, auth.corpId, (tx) => fields.listFields(tx, auth.corpId)),

    async createField(auth: AuthContext, input: fields.FieldInput) {
      if (input.type === 'select' && !input.options?.length) throw new DomainError('invalid_request', 'a select field needs options');
      return withCorp(db, auth.corpId, async (tx) => {
        const row = await fields.insertField(tx, auth.corpId, input);
        if (!row) throw new DomainError('conflict');
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'custom_field.create', target: row.id, detail: { key: input.key, type: input.type } });
        return row;
      });
    },

    async updateField(auth: AuthContext, id: string, patch: { label?: string; options?: string[]; sortOrder?: number }) {
      await withCorp(db, auth.corpId, async (tx) => {
        if (!(await fields.updateField(tx, auth.corpId, id, patch))) throw new DomainError('not_found');
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'custom_field.update', target: id, detail: patch });
      });
    },

    async deleteField(auth: AuthContext, id: string) {
      await withCorp(db, auth.corpId, async (tx) => {
        if (!(await fields.deleteField(tx, auth.corpId, id))) throw new DomainError('not_found');
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'custom_field.delete', target: id });
      });
    },

    /** Sets custom field values by field key; null clears. Values are checked against the field's type. */
    async setFieldValues(auth: AuthContext, requestedId: string, values: FieldValueInput) {
      await withCorp(db, auth.corpId, async (tx) => {
        const id = await visibleCustomerId(tx, auth, requestedId);
        const defs = new Map((await fields.listFields(tx, auth.corpId)).map((f) => [f.key, f]));
        const out: fields.FieldValue[] = [];
        for (const [key, v] of Object.entries(values)) {
          const f = defs.get(key);
          if (!f) throw new DomainError('invalid_field_value', `unknown field ${key}`);
          const row: fields.FieldValue = { fieldId: f.id, text: null, number: null, date: null };
          if (v !== null) {
            if (f.type === 'number') {
              if (typeof v !== 'number' || !Number.isFinite(v)) throw new DomainError('invalid_field_value', `${key} must be a number`);
              row.number = v;
            } else if (f.type === 'date') {
              if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new DomainError('invalid_field_value', `${key} must be a YYYY-MM-DD date`);
              row.date = v;
            } else {
              if (typeof v !== 'string') throw new DomainError('invalid_field_value', `${key} must be text`);
              if (f.type === 'select' && !f.options.includes(v)) throw new DomainError('invalid_field_value', `${key} must be one of ${f.options.join(', ')}`);
              row.text = v;
            }
          }
          out.push(row);
        }
        await fields.writeValues(tx, auth.corpId, id, out);
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'customer.fields', target: id, detail: { values } });
        await recordEvent(tx, auth.corpId, { type: 'custom_field.changed', customerId: id, data: { fieldIds: out.map((r) => r.fieldId) } });
      });
    },

    async addNote(auth: AuthContext, requestedId: string, content: string) {
      return withCorp(db, auth.corpId, async (tx) => {
        const id = await visibleCustomerId(tx, auth, requestedId);
        const note = await repo.insertNote(tx, auth.corpId, id, auth.userId, auth.staffUserid, content);
        await recordEvent(
          tx,
          auth.corpId,
          { type: 'note.added', customerId: id, data: { noteId: note.id } },
          { type: 'note_added', source: 'console', properties: { noteId: note.id, authorUserId: auth.userId } },
        );
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'customer.note_add', target: id, detail: { noteId: note.id } });
        return note;
      });
    },

    async editNote(auth: AuthContext, requestedId: string, noteId: string, content: string | null) {
      await withCorp(db, auth.corpId, async (tx) => {
        const id = await visibleCustomerId(tx, auth, requestedId);
        const note = await repo.findNote(tx, auth.corpId, id, noteId);
        if (!note) throw new DomainError('not_found');
        if (auth.role === 'staff' && note.author_user_id !== auth.userId) throw new DomainError('forbidden');
        if (content === null) await repo.deleteNote(tx, auth.corpId, noteId);
        else await repo.updateNote(tx, auth.corpId, noteId, content);
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: content === null ? 'customer.note_delete' : 'customer.note_edit', target: id, detail: { noteId } });
      });
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
