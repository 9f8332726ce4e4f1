// The group SOP items due today in the group view (群SOP 今日待办), for the group's owner only: what to send (the
// push's text and its materials by name) and whether it is still to send here, waits as a WeCom group message task,
// or is done; marking one done. Everything goes through the sop port; a group that is not the guide's own is refused.
import type { SidebarGroupSop, SidebarGroupSopDone, SidebarGroupSopItem } from '@siyu/contracts';
import type { AppContext } from '../../context';
import { withCorp, type Tx } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import { getMaterials } from '../materials';
import { finishGroupSopItem, groupSopDueToday, type GroupSopTodayItem } from '../sop';
import type { SidebarSession } from './sidebar-auth';
import * as repo from './sidebar.repo';

/** What is left to do: WeCom's own task (pending to confirm) for a group message it took; else send it here. */
function statusOf(i: GroupSopTodayItem): SidebarGroupSopItem['status'] {
  if (i.doneAt || i.state === 'sent') return 'done';
  if (i.action === 'group_message' && (i.state === 'pending' || i.state === 'claimed' || i.state === 'created')) return 'wecom_task';
  return 'to_send';
}

async function ownGroup(tx: Tx, s: SidebarSession, chatId: string): Promise<void> {
  const g = await repo.groupOfStaff(tx, s.corpId, chatId, s.staffUserid);
  if (!g || g.ownerUserid !== s.staffUserid) throw new DomainError('sidebar_group_not_yours');
}

export function createSidebarGroupSop(ctx: AppContext, now: () => Date = () => new Date()) {
  return {
    today: (s: SidebarSession, chatId: string): Promise<SidebarGroupSop> =>
      withCorp(ctx.db, s.corpId, async (tx) => {
        await ownGroup(tx, s, chatId);
        const items = await groupSopDueToday(tx, s.corpId, chatId, s.staffUserid, now());
        const ids = [...new Set(items.flatMap((i) => i.content.materialIds ?? []))];
        const found = new Map((ids.length ? await getMaterials(tx, s.corpId, ids) : []).map((m) => [m.id, m]));
        return {
          items: items.map((i) => {
            const mine = i.content.materialIds ?? [];
            const live = mine.flatMap((id) => {
              const m = found.get(id);
              return m ? [{ id: m.id, title: m.title, kind: m.kind }] : [];
            });
            return {
              pushId: i.pushId,
              occurrenceAt: new Date(i.occurrenceAt).toISOString(),
              planName: i.planName,
              action: i.action,
              text: i.content.text,
              materials: live,
              materialsGone: mine.length - live.length,
              status: statusOf(i),
              doneAt: i.doneAt ? new Date(i.doneAt).toISOString() : null,
            };
          }),
        };
      }),

    /** Marks the guide's item of today done; another staff member's group is refused, an unknown item is gone. */
    done: (s: SidebarSession, body: SidebarGroupSopDone): Promise<void> =>
      withCorp(ctx.db, s.corpId, async (tx) => {
        await ownGroup(tx, s, body.chatId);
        const ok = await finishGroupSopItem(tx, s.corpId, { chatId: body.chatId, pushId: body.pushId, occurrenceAt: new Date(body.occurrenceAt) }, s.staffUserid, now());
        if (!ok) throw new DomainError('sidebar_task_gone');
      }),
  };
}

export type SidebarGroupSopService = ReturnType<typeof createSidebarGroupSop>;
