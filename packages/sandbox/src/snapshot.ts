// Full JSON snapshot of one corp, for tests and the page.

import type { SandboxState } from './state';
import type { CorpState } from './types';
import { contactWayView, joinWayView } from './routes/contact-way.routes';

export function snapshot(state: SandboxState, corp: CorpState, limit = Infinity) {
  const cut = <T>(items: T[]): T[] => (Number.isFinite(limit) ? items.slice(-limit) : items);
  const follows = [...corp.followsByUser.values()].flatMap((m) => [...m.values()]);
  const groups = [...corp.groups.values()];
  return {
    corp: {
      corpid: corp.corpid,
      name: corp.name,
      app: { agentid: corp.app.agentid, name: corp.app.name },
      callback: corp.callback ? { url: corp.callback.url } : null,
    },
    counts: {
      departments: corp.departments.size,
      staff: corp.staff.size,
      customers: corp.customers.size,
      follows: follows.length,
      tag_groups: corp.tagGroups.size,
      tags: corp.tags.size,
      groups: groups.filter((g) => !g.dismissed).length,
      group_members: groups.filter((g) => !g.dismissed).reduce((n, g) => n + g.members.length, 0),
      contact_ways: corp.contactWays.size,
      join_ways: corp.joinWays.size,
      msg_tasks: corp.msgTasks.size,
      app_messages: corp.appMessages.length,
      callbacks: state.callbackLog.filter((e) => e.corp_id === corp.corpid).length,
    },
    departments: [...corp.departments.values()],
    staff: [...corp.staff.values()],
    customers: cut([...corp.customers.values()]),
    follows: cut(follows),
    tag_groups: [...corp.tagGroups.values()].map((g) => ({
      ...g,
      tag: [...corp.tags.values()].filter((t) => t.group_id === g.group_id),
    })),
    groups: cut(groups),
    contact_ways: [...corp.contactWays.values()].map(contactWayView),
    join_ways: [...corp.joinWays.values()].map(joinWayView),
    msg_tasks: [...corp.msgTasks.values()],
    transfers: corp.transfers,
    moments: [...corp.moments.values()],
    app_messages: corp.appMessages,
    welcomes_sent: corp.welcomesSent,
    welcome_codes: [...corp.welcomeCodes.values()],
    pending_requests: corp.pendingRequests,
    activity: corp.activity,
  };
}
