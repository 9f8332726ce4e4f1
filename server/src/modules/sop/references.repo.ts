// SQL that checks what a flow names exists in the corp (tags, pipelines and stages, segments, channel codes, date
// fields), so a flow is refused at save time, not found broken at run time.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type Refs = { tagIds: string[]; stages: Array<{ pipelineId: string; stageId: string }>; stageIds: string[]; segmentIds: string[]; channelIds: string[] };

/** The first reference that does not exist, in words; null when all do. */
export async function missingReference(tx: Tx, corpId: string, r: Refs): Promise<string | null> {
  if (r.tagIds.length) {
    const { rows } = await sql<{ id: string }>`select tag_id as id from tags where corp_id = ${corpId} and tag_id = any(${r.tagIds}::text[])`.execute(tx);
    const missing = r.tagIds.find((t) => !rows.some((x) => x.id === t));
    if (missing) return `tag ${missing} does not exist`;
  }
  for (const s of r.stages) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from stages where corp_id = ${corpId} and id = ${s.stageId}::uuid and pipeline_id = ${s.pipelineId}::uuid`.execute(tx);
    if (rows[0].n === 0) return 'the stage is not in that pipeline';
  }
  if (r.stageIds.length) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from stages where corp_id = ${corpId} and id = any(${r.stageIds}::uuid[])`.execute(tx);
    if (rows[0].n < new Set(r.stageIds).size) return 'a stage in a filter does not exist';
  }
  if (r.segmentIds.length) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from segments where corp_id = ${corpId} and id = any(${r.segmentIds}::uuid[])`.execute(tx);
    if (rows[0].n < new Set(r.segmentIds).size) return 'a segment in a filter does not exist';
  }
  if (r.channelIds.length) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from channel_codes where corp_id = ${corpId} and id = any(${r.channelIds}::uuid[])`.execute(tx);
    if (rows[0].n < new Set(r.channelIds).size) return 'a channel code in a filter does not exist';
  }
  return null;
}
