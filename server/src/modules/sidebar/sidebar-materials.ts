// The material library as the sidebar offers it: the corp's live materials (by search, with this staff member's
// uses, suggested when one of the material's tags is a tag of the customer) and, on send, the material turned into
// sendChatMessage's shape through the materials port (media uploaded to WeCom as needed, outside any transaction),
// its use recorded there. A material deleted meanwhile answers null (the phone says it is gone).
import type { SidebarLibraryItem, SidebarMessage } from '@siyu/contracts';
import type { WecomAttachment } from '../materials';
import { sql } from 'kysely';
import type { AppContext } from '../../context';
import { containsPattern } from '../../db/like';
import { withCorp, type Tx } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import { materialAttachments, recordMaterialUse } from '../materials';
import type { WecomConnections } from '../wecom';
import type { MaterialSource } from './sidebar-library';

function previewOf(m: { kind: string; text: string; url: string; file_name: string | null; page: string; description: string }): string {
  if (m.kind === 'text') return m.text.split('\n')[0];
  if (m.kind === 'link') return m.description || m.url;
  if (m.kind === 'miniprogram') return m.page;
  return m.file_name ?? '';
}

/** WeCom's message attachment → the JS-SDK's sendChatMessage argument. */
export function toChatMessage(a: WecomAttachment, title: string, coverUrl: string): SidebarMessage | null {
  switch (a.msgtype) {
    case 'image':
      return a.image.media_id ? { msgtype: 'image', image: { mediaid: a.image.media_id } } : null;
    case 'video':
      return { msgtype: 'video', video: { mediaid: a.video.media_id } };
    case 'file':
      return { msgtype: 'file', file: { mediaid: a.file.media_id } };
    case 'link': {
      const l = a.link;
      const desc = 'desc' in l ? (l.desc ?? '') : '';
      const pic = 'picurl' in l ? (l.picurl ?? coverUrl) : coverUrl;
      return { msgtype: 'news', news: { link: l.url, title: l.title ?? title, desc, imgUrl: pic } };
    }
    case 'miniprogram':
      return { msgtype: 'miniprogram', miniprogram: { appid: a.miniprogram.appid, title: a.miniprogram.title || title, imgUrl: coverUrl, page: a.miniprogram.page } };
    default:
      return null;
  }
}

export function createSidebarMaterials(ctx: AppContext, connections: WecomConnections): MaterialSource {
  const { db } = ctx;
  return {
    async list(tx: Tx, corpId: string, q: { staffUserid: string; q?: string; tagNames: string[] }): Promise<SidebarLibraryItem[]> {
      let query = tx
        .selectFrom('materials as m')
        .leftJoin('material_folders as f', (j) => j.onRef('f.corp_id', '=', 'm.corp_id').onRef('f.id', '=', 'm.folder_id'))
        .select(['m.id', 'm.kind', 'm.title', 'm.tags', 'm.text', 'm.url', 'm.file_name', 'm.page', 'm.description', 'f.name as folder'])
        .select((eb) =>
          eb
            .selectFrom('material_uses as u')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('u.corp_id', '=', 'm.corp_id')
            .whereRef('u.material_id', '=', 'm.id')
            .where('u.staff_userid', '=', q.staffUserid)
            .as('uses'),
        )
        .where('m.corp_id', '=', corpId)
        .where('m.deleted_at', 'is', null)
        .where('m.kind', '!=', 'poster');
      if (q.q) {
        const p = containsPattern(q.q);
        query = query.where((eb) => eb.or([eb('m.title', 'ilike', p), eb('m.text', 'ilike', p), eb('m.description', 'ilike', p)]));
      }
      const rows = await query.orderBy('m.updated_at', 'desc').limit(200).execute();
      return rows.map((m) => ({
        kind: 'material' as const,
        id: m.id,
        title: m.title,
        folder: m.folder ?? null,
        suggested: m.tags.some((t) => q.tagNames.includes(t)),
        uses: Number(m.uses ?? 0),
        preview: previewOf(m).slice(0, 120),
        messages: [],
      }));
    },

    async send(corpId: string, materialId: string, staffUserid: string): Promise<SidebarMessage[] | null> {
      const m = await withCorp(db, corpId, (tx) =>
        tx.selectFrom('materials').select(['id', 'kind', 'title', 'text']).where('corp_id', '=', corpId).where('id', '=', materialId).where('deleted_at', 'is', null).executeTakeFirst(),
      );
      if (!m) return null;
      let messages: SidebarMessage[];
      if (m.kind === 'text') messages = [{ msgtype: 'text', text: { content: m.text } }];
      else {
        try {
          const attachments = await materialAttachments({ db, wecom: connections }, corpId, [m.id], 'message');
          const cover = `${ctx.config.publicUrl ?? ''}/api/materials/${m.id}/file`;
          messages = attachments.map((a) => toChatMessage(a, m.title, cover)).filter((x): x is SidebarMessage => x !== null);
        } catch (err) {
          if (err instanceof DomainError && err.code === 'material_not_found') return null;
          throw err;
        }
      }
      await withCorp(db, corpId, (tx) => recordMaterialUse(tx, corpId, m.id, staffUserid, 'sidebar'));
      return messages;
    },
  };
}
