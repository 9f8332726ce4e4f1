// Full sync and reconciliation runner (one sync_runs row each). Phases run in order; the checkpoint
// is saved in the same transaction as each staff batch / group slice, so an interrupted run resumes
// where it stopped. A 48009/48002 disables that phase's feature with a warning; the rest still runs.
import { chunk, type WecomClient } from '@siyu/wecom';
import type { AppContext } from '../../context';
import { withCorp, type Tx } from '../../db/tenancy';
import { recordEvent } from '../../platform/events';
import { mapLimit } from '../../platform/map-limit';
import { fetchGroup } from './apply-chat-event';
import { setFeatureStatus, setFeatureStatusIfChanged } from './connection.repo';
import { errorText, featureOfApi, isPermissionError, type WecomFeature } from './features';
import { cleanDeep, cleanText } from './clean-text';
import { customerRow, departmentRows, followRowFromBatch, groupRow, staffRow, tagGroupRows } from './mappers';
import { claimRun, finishRun, saveProgress, type SyncKind } from './sync-runs.repo';
import {
  deleteMissingFollows,
  dismissGroups,
  replaceDepartments,
  replaceStaff,
  replaceTags,
  setFollowUsers,
  upsertCustomers,
  upsertFollows,
  upsertGroup,
  type CustomerRow,
  type FollowRow,
} from './sync.repo';
import type { WecomConnections } from './wecom-connection.service';

export const SYNC_QUEUE = 'wecom.sync';

export type SyncJob = { corpId: string; runId: string };

export type SyncRunnerOptions = {
  /** Staff per batch/get_by_user round (and per checkpoint). Default 10. */
  staffBatch?: number;
  /** groupchat/get calls in flight. Default 8. */
  groupConcurrency?: number;
  /** Seconds without a heartbeat after which a running run counts as abandoned. Default 90. */
  staleSeconds?: number;
  /** Failed attempts before a run is marked failed. Default 5. */
  maxAttempts?: number;
};

type Phase = 'org' | 'tags' | 'customers' | 'groups';

const PHASES: Record<SyncKind, Phase[]> = {
  full: ['org', 'tags', 'customers', 'groups'],
  reconcile: ['tags', 'customers', 'groups'],
};

const FEATURE: Record<Phase, WecomFeature> = { org: 'org', tags: 'tags', customers: 'customers', groups: 'groups' };

type Checkpoint = {
  phasesDone: Phase[];
  followUsers?: string[];
  batch?: number;
  groupIndex?: number;
  groupTotal?: number;
  attempts?: number;
  total?: number;
  done?: number;
};

type Report = {
  counts: Record<string, number>;
  seen: Record<string, number>;
  warnings: Array<{ feature: string; errcode: number; api: string; message: string }>;
  fixed?: number;
  /** Each interruption the run resumed from. */
  interruptions?: Array<{ at: string; phase: string; error: string }>;
};

class LostRun extends Error {}


function dedupeCustomers(rows: CustomerRow[]): CustomerRow[] {
  const m = new Map<string, CustomerRow>();
  for (const r of rows) m.set(r.external_userid, r);
  return [...m.values()];
}

export function createSyncRunner(ctx: AppContext, connections: WecomConnections, options: SyncRunnerOptions = {}) {
  const { db, logger } = ctx;
  const staffBatch = options.staffBatch ?? 10;
  const groupConcurrency = options.groupConcurrency ?? 8;
  const staleSeconds = options.staleSeconds ?? 90;
  const maxAttempts = options.maxAttempts ?? 5;

  /** `retryCount`: the queue's retries of this job so far; the last one the queue allows ends the run as failed. */
  async function run(job: SyncJob, owner: string, retryCount = 0): Promise<void> {
    const { corpId, runId } = job;
    const claimed = await withCorp(db, corpId, (tx) => claimRun(tx, corpId, runId, owner, staleSeconds));
    if (!claimed) return;
    const cp: Checkpoint = { phasesDone: [], ...(claimed.checkpoint as Partial<Checkpoint>) };
    const report: Report = { counts: {}, seen: {}, warnings: [], ...(claimed.report as Partial<Report>) };
    let total = cp.total ?? 0;
    let done = cp.done ?? 0;
    const add = (k: string, n: number) => {
      if (n) report.counts[k] = (report.counts[k] ?? 0) + n;
    };
    const seen = (k: string, n: number) => {
      report.seen[k] = (report.seen[k] ?? 0) + n;
    };
    const save = async (tx: Tx, phase: string) => {
      cp.total = total;
      cp.done = done;
      if (!(await saveProgress(tx, corpId, runId, owner, { phase, total, done, checkpoint: cp, report }))) throw new LostRun();
    };

    let client: WecomClient;
    try {
      client = await connections.contactClient(corpId);
    } catch (err) {
      await withCorp(db, corpId, (tx) => finishRun(tx, corpId, runId, { status: 'failed', report, error: errorText(err) }));
      return;
    }

    const phases: Record<Phase, () => Promise<void>> = {
      async org() {
        const deps = departmentRows((await client.listDepartments()).department ?? []);
        const root = deps.find((d) => d.parentid === 0)?.id ?? Math.min(...deps.map((d) => d.id), 1);
        const users = (await client.listUsers(root, true)).userlist ?? [];
        const unique = [...new Map(users.map((u) => [u.userid, u])).values()];
        const current = await withCorp(db, corpId, (tx) =>
          tx.selectFrom('staff').select(['userid', 'is_follow_user']).where('corp_id', '=', corpId).execute(),
        );
        const follow = new Set(current.filter((s) => s.is_follow_user).map((s) => s.userid));
        await withCorp(db, corpId, async (tx) => {
          add('departments', await replaceDepartments(tx, corpId, deps));
          const s = await replaceStaff(tx, corpId, unique.map((u) => staffRow(u, follow)));
          add('staffInserted', s.inserted);
          add('staffUpdated', s.updated);
          add('staffResigned', s.resigned);
          seen('departments', deps.length);
          seen('staff', unique.length);
          done += 1;
          await save(tx, 'org');
        });
      },

      async tags() {
        const list = await client.getCorpTagList({});
        const groups = tagGroupRows(list.tag_group);
        await withCorp(db, corpId, async (tx) => {
          const r = await replaceTags(tx, corpId, groups);
          for (const [k, v] of Object.entries(r)) add(k, v);
          seen('tags', groups.reduce((n, g) => n + g.tag.length, 0));
          done += 1;
          await save(tx, 'tags');
        });
      },

      async customers() {
        if (!cp.followUsers) {
          const followUsers = (await client.getFollowUserList()).follow_user ?? [];
          cp.followUsers = followUsers;
          total += Math.ceil(followUsers.length / staffBatch);
          await withCorp(db, corpId, async (tx) => {
            await setFollowUsers(tx, corpId, cleanDeep(followUsers));
            await save(tx, 'customers');
          });
        }
        const batches = chunk(cp.followUsers, staffBatch);
        for (let b = cp.batch ?? 0; b < batches.length; b++) {
          const users = batches[b];
          const customers: CustomerRow[] = [];
          const follows: FollowRow[] = [];
          for await (const item of client.iterateFollowUsersCustomers(users)) {
            customers.push(customerRow(item.external_contact));
            follows.push(followRowFromBatch(item.external_contact.external_userid, item.follow_info));
          }
          const unique = dedupeCustomers(customers);
          await withCorp(db, corpId, async (tx) => {
            for (const part of chunk(unique, 2000)) {
              const c = await upsertCustomers(tx, corpId, part);
              add('customersInserted', c.inserted);
              add('customersUpdated', c.updated);
            }
            for (const part of chunk(follows, 2000)) {
              const f = await upsertFollows(tx, corpId, part);
              add('followsInserted', f.inserted);
              add('followsUpdated', f.updated);
            }
            const keep = follows.map((f) => ({ ext: f.ext, userid: f.userid }));
            add('followsDeleted', await deleteMissingFollows(tx, corpId, { staff: users }, keep));
            seen('follows', follows.length);
            cp.batch = b + 1;
            done += 1;
            await save(tx, 'customers');
          });
        }
      },

      async groups() {
        const owners = cp.followUsers;
        const ids: string[] = [];
        const filter = owners && owners.length > 1000 ? { owner_filter: { userid_list: owners } } : {};
        for await (const g of client.iterateGroupChats(filter)) ids.push(g.chat_id);
        const uniqueIds = [...new Set(ids)];
        if (cp.groupTotal === undefined) {
          cp.groupTotal = uniqueIds.length;
          total += uniqueIds.length;
        }
        const SLICE = 25;
        for (let i = cp.groupIndex ?? 0; i < uniqueIds.length; i += SLICE) {
          const slice = uniqueIds.slice(i, i + SLICE);
          const fetched = await mapLimit(slice, groupConcurrency, (id) => fetchGroup(client, id));
          await withCorp(db, corpId, async (tx) => {
            const gone: string[] = [];
            for (let k = 0; k < slice.length; k++) {
              const g = fetched[k];
              if (!g) {
                gone.push(slice[k]);
                continue;
              }
              const c = await upsertGroup(tx, corpId, groupRow(g));
              add('groupsInserted', c.groupInserted);
              add('groupsUpdated', c.groupUpdated);
              add('groupMembersAdded', c.membersAdded);
              add('groupMembersUpdated', c.membersUpdated);
              add('groupMembersRemoved', c.membersRemoved);
              seen('groupMembers', g.member_list?.length ?? 0);
            }
            if (gone.length) add('groupsDismissed', await dismissGroups(tx, corpId, { chatIds: gone }));
            seen('groups', slice.length - gone.length);
            cp.groupIndex = i + slice.length;
            done = Math.min(total, done + slice.length);
            await save(tx, 'groups');
          });
        }
        await withCorp(db, corpId, async (tx) => {
          add('groupsDismissed', await dismissGroups(tx, corpId, { keep: uniqueIds }));
          await save(tx, 'groups');
        });
      },
    };

    try {
      if (!cp.total) total = PHASES[claimed.kind].filter((p) => p === 'org' || p === 'tags').length;
      for (const phase of PHASES[claimed.kind]) {
        if (cp.phasesDone.includes(phase)) continue;
        const feature = FEATURE[phase];
        try {
          await phases[phase]();
          await withCorp(db, corpId, (tx) => setFeatureStatusIfChanged(tx, corpId, feature, { status: 'ok' }));
        } catch (err) {
          if (!isPermissionError(err)) throw err;
          const f = featureOfApi(err.api);
          report.warnings.push({ feature: f, errcode: err.errcode, api: err.api, message: cleanText(err.errmsg) });
          await withCorp(db, corpId, (tx) =>
            setFeatureStatus(tx, corpId, f, { status: 'disabled', errcode: err.errcode, api: err.api, message: cleanText(err.errmsg) }),
          );
          logger.warn({ corpId, runId, phase, errcode: err.errcode, api: err.api }, 'wecom sync phase disabled by permission error');
        }
        cp.phasesDone.push(phase);
        delete cp.batch;
        delete cp.groupIndex;
        await withCorp(db, corpId, (tx) => save(tx, phase));
      }
      report.fixed = Object.values(report.counts).reduce((a, b) => a + b, 0);
      await withCorp(db, corpId, async (tx) => {
        await finishRun(tx, corpId, runId, { status: report.warnings.length ? 'partial' : 'done', report, done: total });
        // Follows, tags and groups were written in bulk, without a fact per customer: rules over them are recomputed.
        await recordEvent(tx, corpId, { type: 'wecom.synced', customerId: null, data: { runId, kind: claimed.kind } });
      });
    } catch (err) {
      if (err instanceof LostRun) return;
      cp.attempts = (cp.attempts ?? 0) + 1;
      const phase = PHASES[claimed.kind].find((p) => !cp.phasesDone.includes(p)) ?? 'finish';
      report.interruptions = [...(report.interruptions ?? []), { at: new Date().toISOString(), phase, error: errorText(err) }];
      logger.warn({ err, corpId, runId, attempts: cp.attempts }, 'wecom sync interrupted');
      // Counted twice on purpose: the checkpoint (kept across re-queues) and the queue's own retry count (in case
      // the checkpoint could not be saved), so a run that keeps throwing always ends as failed, never stays running.
      if (cp.attempts >= maxAttempts || retryCount + 1 >= maxAttempts) {
        await withCorp(db, corpId, (tx) => finishRun(tx, corpId, runId, { status: 'failed', report, error: errorText(err) }));
        return;
      }
      await withCorp(db, corpId, (tx) =>
        saveProgress(tx, corpId, runId, owner, { phase: 'interrupted', total, done, checkpoint: cp, report, error: errorText(err) }),
      ).catch(() => undefined);
      throw err; // the queue retries with backoff; the retry resumes from the checkpoint
    }
  }

  return { run, staleSeconds };
}

export type SyncRunner = ReturnType<typeof createSyncRunner>;
