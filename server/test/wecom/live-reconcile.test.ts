import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameRows, localRows, remoteRows, runSync, settle, startHarness, type Harness } from './harness';
import { mulberry32 } from '@siyu/sandbox';

let h: Harness;
const CORP = 'wwlivesync0001';
beforeAll(async () => {
  h = await startHarness(CORP);
});
afterAll(async () => h?.close());

// Deterministic pseudo-random choices.

describe('live sync with faulty callbacks, then reconciliation', () => {
  it('2,000 customer actions with duplicated, dropped and reordered callbacks end equal to the sandbox, row for row', async () => {
    await h.sb(`/sandbox/corps/${CORP}/population`, { seed: 'live', staff: 12, customers: 300, groups: 12 });
    const first = await runSync(h, 'sync');
    expect(first.status).toBe('done');

    await h.sb('/sandbox/callback-faults', { corp_id: CORP, mode: 'duplicate', rate: 0.1 });
    await h.sb('/sandbox/callback-faults', { corp_id: CORP, mode: 'drop', rate: 0.05 });
    await h.sb('/sandbox/callback-faults', { corp_id: CORP, mode: 'reorder', rate: 0.1 });

    const corp = h.sandbox.state.corps.get(CORP)!;
    const random = mulberry32(2026);
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
    const staff = [...corp.staff.keys()];
    const done: Record<string, number> = {};
    let actions = 0;
    let attempts = 0;
    while (actions < 2000 && attempts < 10_000) {
      attempts++;
      const r = random();
      const customers = [...corp.customers.keys()];
      try {
        if (r < 0.08) {
          await h.sb(`/sandbox/corps/${CORP}/customers`, { name: `新客${actions}` });
          done.newCustomer = (done.newCustomer ?? 0) + 1;
          actions++; // not a callback, but a customer action
        } else if (r < 0.33) {
          const ext = pick(customers);
          const userid = pick(staff);
          if (corp.followsByUser.get(userid)?.has(ext)) continue;
          await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: ext, userid, state: random() < 0.5 ? `ch_${actions % 7}` : undefined });
          done.addFriend = (done.addFriend ?? 0) + 1;
        } else if (r < 0.45) {
          const ext = pick(customers);
          const follows = [...(corp.followsByCustomer.get(ext)?.keys() ?? [])];
          if (!follows.length) continue;
          const by = random() < 0.5 ? 'customer-deletes-staff' : 'staff-deletes-customer';
          await h.sb(`/sandbox/corps/${CORP}/${by}`, { external_userid: ext, userid: pick(follows) });
          done[by] = (done[by] ?? 0) + 1;
        } else if (r < 0.65) {
          const ext = pick(customers);
          if (!corp.followsByCustomer.get(ext)?.size) continue;
          await h.sb(`/sandbox/corps/${CORP}/edit-customer`, {
            external_userid: ext,
            ...(random() < 0.5 ? { name: `改名${actions}` } : { remark: `备注${actions}`, description: `描述${actions}` }),
          });
          done.edit = (done.edit ?? 0) + 1;
        } else if (r < 0.82) {
          const groups = [...corp.groups.values()].filter((g) => !g.dismissed);
          const g = pick(groups);
          const ext = pick(customers);
          if (g.members.some((m) => m.userid === ext)) continue;
          await h.sb(`/sandbox/corps/${CORP}/join-group`, { external_userid: ext, chat_id: g.chat_id });
          done.join = (done.join ?? 0) + 1;
        } else if (r < 0.95) {
          const groups = [...corp.groups.values()].filter((g) => !g.dismissed);
          const g = pick(groups);
          const members = g.members.filter((m) => m.type === 2);
          if (!members.length) continue;
          await h.sb(`/sandbox/corps/${CORP}/leave-group`, { external_userid: pick(members).userid, chat_id: g.chat_id, removed: random() < 0.3 });
          done.leave = (done.leave ?? 0) + 1;
        } else if (r < 0.97) {
          const groups = [...corp.groups.values()].filter((g) => !g.dismissed);
          await h.sb(`/sandbox/corps/${CORP}/groups/${pick(groups).chat_id}/change`, { name: `改群名${actions}`, notice: `公告${actions}` });
          done.groupChange = (done.groupChange ?? 0) + 1;
        } else if (r < 0.985) {
          const owner = pick(staff);
          const members = [pick(customers), pick(customers)].filter((x, i, all) => all.indexOf(x) === i);
          await h.sb(`/sandbox/corps/${CORP}/groups`, { owner, name: `新群${actions}`, members });
          done.groupCreate = (done.groupCreate ?? 0) + 1;
        } else {
          const tags = [...corp.tags.values()];
          const t = pick(tags);
          if (random() < 0.5) {
            await h.sb(`/sandbox/corps/${CORP}/staff-tag-change`, { action: 'update', tag_type: 'tag', id: t.id, name: `标签${actions}` });
          } else {
            await h.sb(`/sandbox/corps/${CORP}/staff-tag-change`, { action: 'create', tag_type: 'tag', group_id: t.group_id, name: `新标签${actions}` });
          }
          done.tag = (done.tag ?? 0) + 1;
        }
        actions++;
      } catch {
        // an action the sandbox refused (e.g. full group): not counted
      }
    }
    expect(actions).toBe(2000);

    await settle(h);
    const log = h.sandbox.state.callbackLog.filter((c) => c.corp_id === CORP);
    const faults = {
      dropped: log.filter((c) => c.status === 'dropped').length,
      duplicated: log.filter((c) => c.duplicate_of !== null).length,
      reordered: log.filter((c) => c.reordered).length,
    };
    console.log('actions', JSON.stringify(done), 'callback faults', JSON.stringify(faults));
    expect(faults.dropped).toBeGreaterThan(0);
    expect(faults.duplicated).toBeGreaterThan(0);
    expect(faults.reordered).toBeGreaterThan(0);

    const run = await runSync(h, 'reconcile');
    expect(run.status).toBe('done');
    console.log('reconcile report', JSON.stringify(run.report));
    expectSameRows(await localRows(h), await remoteRows(h));
  }, 480_000);
});
