// The results job: for each created task whose staff member has not been seen to send, get_groupmsg_task tells
// whether they sent; once they did, get_groupmsg_send_result (paged, 1,000 a page) gives every recipient's status,
// stored set-based 10,000 at a time with the `broadcast.sent` facts. It runs again every poll interval until every
// task is final (or the broadcast is 14 days old: WeCom drops unsent tasks), then the broadcast is completed.
import { isWecomError, WecomErrcode, type WecomClient } from '@siyu/wecom';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { WecomConnections } from '../wecom';
import * as repo from './broadcasts.repo';
import * as results from './results.repo';

export const POLL_QUEUE = 'broadcasts.poll';
export type PollJob = { corpId: string; broadcastId: string };

const FLUSH_AT = 10_000;
const PARALLEL = 8;
const MAX_AGE_MS = 14 * 86_400_000;

export type PollDeps = { ctx: AppContext; connections: WecomConnections };

/** Pulls and stores what WeCom has now; true when the broadcast is final. */
export async function pollResults(deps: PollDeps, job: PollJob): Promise<boolean> {
  const { ctx } = deps;
  const { corpId, broadcastId } = job;
  const b = await withCorp(ctx.db, corpId, (tx) => repo.broadcast(tx, corpId, broadcastId));
  if (!b || b.status === 'completed' || b.status === 'scheduled') return true;
  const open = await withCorp(ctx.db, corpId, (tx) => results.openTasks(tx, corpId, broadcastId));
  const client = await deps.connections.contactClient(corpId);
  try {
    let next = 0;
    const worker = async () => {
      const sink = resultSink(ctx, corpId, b);
      while (next < open.length) await pullTask(client, b, open[next++], sink);
      await sink.flush();
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, open.length) }, worker));
  } catch (err) {
    if (isWecomError(err) && (err.errcode === WecomErrcode.API_FORBIDDEN || err.errcode === WecomErrcode.NO_API_PERMISSION)) {
      await withCorp(ctx.db, corpId, (tx) => repo.setUnavailable(tx, corpId, { errcode: err.errcode, message: err.errmsg.slice(0, 300) }));
      return true;
    }
    throw err;
  }
  return withCorp(ctx.db, corpId, async (tx) => {
    await results.markPolled(tx, corpId, broadcastId);
    const unfinished = await results.unfinishedTasks(tx, corpId, broadcastId);
    const tooOld = Date.now() - (b.sent_at ?? b.send_at).getTime() > MAX_AGE_MS;
    const current = await repo.broadcast(tx, corpId, broadcastId);
    if (current?.status === 'sent' && (unfinished === 0 || tooOld)) await repo.setStatus(tx, corpId, broadcastId, 'completed');
    return current?.status !== 'sent' || unfinished === 0 || tooOld;
  });
}

type Sink = { add(taskNo: number, target: string, status: number, time: number): Promise<void>; taskDone(taskNo: number, sendTime: number): void; flush(): Promise<void> };

/** Buffers results across tasks and stores them FLUSH_AT at a time; a task is marked sent once its rows are stored. */
function resultSink(ctx: AppContext, corpId: string, b: repo.BroadcastRow): Sink {
  let batch: results.ResultBatch = { tasks: [], targets: [], statuses: [], times: [] };
  let done: Array<{ taskNo: number; sendTime: number }> = [];
  const flush = async () => {
    const rows = batch;
    const tasks = done;
    batch = { tasks: [], targets: [], statuses: [], times: [] };
    done = [];
    if (rows.targets.length === 0 && tasks.length === 0) return;
    await withCorp(ctx.db, corpId, async (tx) => {
      await results.storeResults(tx, corpId, b, rows);
      for (const t of tasks) await results.markStaffSent(tx, corpId, b.id, t.taskNo, t.sendTime);
    });
  };
  return {
    async add(taskNo, target, status, time) {
      batch.tasks.push(taskNo);
      batch.targets.push(target);
      batch.statuses.push(status);
      batch.times.push(time);
      if (batch.targets.length >= FLUSH_AT) await flush();
    },
    taskDone(taskNo, sendTime) {
      done.push({ taskNo, sendTime });
    },
    flush,
  };
}

async function pullTask(client: WecomClient, b: repo.BroadcastRow, task: results.OpenTask, sink: Sink): Promise<void> {
  let sendTime = -1;
  for await (const t of client.iterateGroupMsgTask({ msgid: task.msgid, limit: 1000 })) {
    if (t.userid === task.staff_userid) sendTime = t.status === 2 ? (t.send_time ?? 0) : -1;
  }
  if (sendTime < 0) return;
  for await (const r of client.iterateGroupMsgSendResult({ msgid: task.msgid, userid: task.staff_userid, limit: 1000 })) {
    await sink.add(task.task_no, b.kind === 'customer' ? (r.external_userid ?? '') : (r.chat_id ?? ''), r.status, r.send_time ?? 0);
  }
  sink.taskDone(task.task_no, sendTime);
}
