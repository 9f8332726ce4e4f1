// Names for the ids a rule stores, read for the rule editor's pickers: tags (with their group), channel codes (by
// state), staff (with departments), customer groups and the event types recorded for the corp.
import { sql } from 'kysely';
import type { RuleOptions } from '@siyu/contracts';
import type { Tx } from '../../db/tenancy';

/** `ownerUserid` limits the groups to those a staff member owns (null: all of the corp's). */
export async function ruleOptions(tx: Tx, corpId: string, ownerUserid: string | null): Promise<RuleOptions> {
  const tags = await sql<RuleOptions['tags'][number]>`
    SELECT t.tag_id AS id, t.name, g.name AS "groupName"
    FROM tags t JOIN tag_groups g ON g.corp_id = t.corp_id AND g.group_id = t.group_id
    WHERE t.corp_id = ${corpId} ORDER BY g.sort_order DESC, g.name, t.sort_order DESC, t.name`.execute(tx);
  const channels = await sql<RuleOptions['channels'][number]>`
    SELECT state, name FROM channel_codes WHERE corp_id = ${corpId} ORDER BY name`.execute(tx);
  const staff = await sql<RuleOptions['staff'][number]>`
    SELECT s.userid, s.name,
      coalesce((SELECT string_agg(d.name, ' / ' ORDER BY d.name) FROM departments d
        WHERE d.corp_id = s.corp_id AND d.id = ANY (s.department_ids)), '') AS department
    FROM staff s WHERE s.corp_id = ${corpId} ORDER BY s.name`.execute(tx);
  const groups = await sql<RuleOptions['groups'][number]>`
    SELECT chat_id AS "chatId", name FROM groups
    WHERE corp_id = ${corpId} AND dismissed_at IS NULL
      AND (${ownerUserid}::text IS NULL OR owner_userid = ${ownerUserid})
    ORDER BY name LIMIT 2000`.execute(tx);
  // Distinct types by walking the (corp_id, type, occurred_at) index one type at a time, not by reading every event.
  const types = await sql<{ type: string }>`
    WITH RECURSIVE t(type) AS (
      SELECT min(type) FROM events WHERE corp_id = ${corpId}
      UNION ALL
      SELECT (SELECT min(e.type) FROM events e WHERE e.corp_id = ${corpId} AND e.type > t.type)
      FROM t WHERE t.type IS NOT NULL
    )
    SELECT type FROM t WHERE type IS NOT NULL LIMIT 500`.execute(tx);
  return {
    tags: tags.rows,
    channels: channels.rows,
    staff: staff.rows,
    groups: groups.rows,
    eventTypes: types.rows.map((r) => r.type),
  };
}
