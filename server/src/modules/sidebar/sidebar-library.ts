// What the guide can send from the sidebar: the script library with {{name}} and {{staff}} filled for this chat and
// the material library, each item marked "suggested" when the customer's stage or tags point to it, with this
// staff member's own use counts. Sending re-reads the item (a deleted one is refused with a clear message), counts
// the use, and answers with the messages the JS-SDK's sendChatMessage takes.
import { fillScript, type SidebarLibrary, type SidebarLibraryItem, type SidebarMessage } from '@siyu/contracts';
import type { AppContext } from '../../context';
import { withCorp, type Tx } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import { visibleCustomerId } from '../customers';
import { recordScriptUse, scriptById, scriptsForStaff } from '../scripts';
import { asYours } from './customer-view';
import type { SidebarSession } from './sidebar-auth';
import * as repo from './sidebar.repo';

/** The material library as the sidebar reads it (the materials module's port, once it is there). */
export type MaterialSource = {
  list(tx: Tx, corpId: string, q: { staffUserid: string; q?: string; tagNames: string[] }): Promise<SidebarLibraryItem[]>;
  /** The messages one material sends as, counting the use; null when the material is gone. Calls WeCom: never
   *  inside a transaction. */
  send(corpId: string, materialId: string, staffUserid: string): Promise<SidebarMessage[] | null>;
};

export type ChatTarget = { customerId?: string; chatId?: string };

export function createSidebarLibrary(ctx: AppContext, materials: MaterialSource | null) {
  /** The name {{name}} stands for, and what points items at this chat, after checking the chat is the guide's. */
  async function chatOf(tx: Tx, s: SidebarSession, target: ChatTarget) {
    if (target.customerId) {
      const id = await asYours(() => visibleCustomerId(tx, s.auth, target.customerId ?? ''));
      const signals = await repo.customerSignals(tx, s.corpId, id, s.staffUserid);
      const remark = await repo.remarkOf(tx, s.corpId, id, s.staffUserid);
      return { name: remark || signals.name, tagIds: signals.tagIds, stageIds: signals.stageIds };
    }
    if (target.chatId) {
      const g = await repo.groupOfStaff(tx, s.corpId, target.chatId, s.staffUserid);
      if (!g) throw new DomainError('sidebar_group_not_yours');
      return { name: g.name, tagIds: [] as string[], stageIds: [] as string[] };
    }
    return { name: '', tagIds: [] as string[], stageIds: [] as string[] };
  }

  return {
    list: (s: SidebarSession, target: ChatTarget & { q?: string }): Promise<SidebarLibrary> =>
      withCorp(ctx.db, s.corpId, async (tx) => {
        const chat = await chatOf(tx, s, target);
        const scripts = await scriptsForStaff(tx, s.corpId, s.staffUserid, target.q);
        const items: SidebarLibraryItem[] = scripts.map((sc) => {
          const text = fillScript(sc.content, { name: chat.name, staff: s.staffName });
          return {
            kind: 'script',
            id: sc.id,
            title: sc.title,
            folder: sc.folder,
            suggested: sc.tagIds.some((t) => chat.tagIds.includes(t)) || sc.stageIds.some((st) => chat.stageIds.includes(st)),
            uses: sc.uses,
            preview: text.slice(0, 120),
            messages: [{ msgtype: 'text', text: { content: text } }],
          };
        });
        const tagNames = chat.tagIds.length ? await repo.tagNames(tx, s.corpId, chat.tagIds) : [];
        const mats = materials ? await materials.list(tx, s.corpId, { staffUserid: s.staffUserid, q: target.q, tagNames }) : [];
        const all = [...items, ...mats];
        all.sort((a, b) => Number(b.suggested) - Number(a.suggested) || b.uses - a.uses);
        return { items: all, materialsAvailable: materials !== null };
      }),

    /** The messages to send for one item, after counting the use; a deleted item → sidebar_item_gone. */
    async send(s: SidebarSession, item: { kind: 'script' | 'material'; id: string }, target: ChatTarget): Promise<{ messages: SidebarMessage[] }> {
      if (item.kind === 'script') {
        return withCorp(ctx.db, s.corpId, async (tx) => {
          const chat = await chatOf(tx, s, target);
          const sc = await scriptById(tx, s.corpId, item.id);
          if (!sc || !(await recordScriptUse(tx, s.corpId, sc.id, s.staffUserid))) throw new DomainError('sidebar_item_gone');
          return { messages: [{ msgtype: 'text' as const, text: { content: fillScript(sc.content, { name: chat.name, staff: s.staffName }) } }] };
        });
      }
      await withCorp(ctx.db, s.corpId, (tx) => chatOf(tx, s, target));
      const messages = materials ? await materials.send(s.corpId, item.id, s.staffUserid) : null;
      if (!messages) throw new DomainError('sidebar_item_gone');
      return { messages };
    },
  };
}

export type SidebarLibraryService = ReturnType<typeof createSidebarLibrary>;
