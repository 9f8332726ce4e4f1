// The segment evaluator's snapshot returns of each timeline type only the rows the corp's rules can need (eventSlices
// in the contracts): those at or after `event_since` (NULL: every row; 'infinity': none) and, with `event_ends`, the
// type's first and last rows besides (ties included). A customer with years of page views no longer sends all of them
// through every re-evaluation when the rules ask about the last 7 days, or whether the customer ever viewed a page.
// The rows are still found by the same index scan as before (the customer's rows of those types): a scan per type
// let the planner take the index by type and walk every customer's rows of it for each customer.
// The four-argument function (0040) stays for processes of the previous version while an upgrade rolls through.
export const snapshotEventSlices = `
CREATE FUNCTION siyu_customer_snapshots(corp text, ids uuid[], event_types text[], sources text[],
                                        event_since timestamptz[], event_ends boolean[])
RETURNS TABLE (id uuid, customer json, follows json, events json, orders json, groups json, stages json, rfm json,
               points json, fields json, members json, seg_version text)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_custom_plan AS $fn$
#variable_conflict use_column
BEGIN
  RETURN QUERY SELECT k.id,
    (SELECT row_to_json(c) FROM customers c WHERE c.corp_id = corp AND c.id = k.id),
    CASE WHEN 'follows' = ANY(sources) THEN
    (SELECT coalesce(json_agg(json_build_object('staff_userid', f.staff_userid, 'state', f.state, 'tag_ids', f.tag_ids, 'deleted_at', f.deleted_at)), '[]')
       FROM follows f WHERE f.corp_id = corp AND f.customer_id = k.id) ELSE '[]' END,
    CASE WHEN 'events' = ANY(sources) AND cardinality(event_types) > 0 THEN
    (SELECT coalesce(json_agg(json_build_object('type', x.type, 'occurred_at', x.occurred_at, 'properties', x.properties)), '[]')
       FROM (SELECT e.type, e.occurred_at, e.properties, array_position(event_types, e.type) AS n,
                    min(e.occurred_at) OVER (PARTITION BY e.type) AS first_at, max(e.occurred_at) OVER (PARTITION BY e.type) AS last_at
               FROM events e WHERE e.corp_id = corp AND e.customer_id = k.id AND e.type = ANY(event_types)) x
      WHERE event_since[x.n] IS NULL OR x.occurred_at >= event_since[x.n]
         OR (event_ends[x.n] AND x.occurred_at IN (x.first_at, x.last_at))) ELSE '[]' END,
    CASE WHEN 'orders' = ANY(sources) THEN
    (SELECT coalesce(json_agg(json_build_object('amount', o.amount, 'paid_at', o.paid_at, 'items', o.items)), '[]')
       FROM orders o WHERE o.corp_id = corp AND o.customer_id = k.id) ELSE '[]' END,
    CASE WHEN 'groups' = ANY(sources) THEN
    (SELECT coalesce(json_agg(gm.chat_id), '[]') FROM customers c JOIN group_members gm ON gm.corp_id = c.corp_id AND gm.userid = c.external_userid
      WHERE c.corp_id = corp AND c.id = k.id) ELSE '[]' END,
    CASE WHEN 'stages' = ANY(sources) THEN
    (SELECT coalesce(json_agg(json_build_object('pipeline_id', s.pipeline_id, 'stage_id', s.stage_id, 'entered_at', s.entered_at)), '[]')
       FROM customer_stages s WHERE s.corp_id = corp AND s.customer_id = k.id) ELSE '[]' END,
    CASE WHEN 'rfm' = ANY(sources) THEN
    (SELECT coalesce(json_agg(r.class), '[]') FROM customer_rfm r WHERE r.corp_id = corp AND r.customer_id = k.id) ELSE '[]' END,
    CASE WHEN 'points' = ANY(sources) THEN
    (SELECT json_build_object('points', m.points, 'growth', m.growth, 'level', m.level)
       FROM customer_membership m WHERE m.corp_id = corp AND m.customer_id = k.id) END,
    CASE WHEN 'fields' = ANY(sources) THEN
    (SELECT coalesce(json_agg(json_build_object('key', cf.key, 'text_value', v.text_value, 'number_value', v.number_value, 'date_value', v.date_value)), '[]')
       FROM custom_field_values v JOIN custom_fields cf ON cf.corp_id = v.corp_id AND cf.id = v.field_id
      WHERE v.corp_id = corp AND v.customer_id = k.id) ELSE '[]' END,
    (SELECT coalesce(json_agg(sm.segment_id), '[]') FROM segment_members sm WHERE sm.corp_id = corp AND sm.customer_id = k.id),
    (SELECT count(*)::text || '/' || coalesce(max(sg.updated_at)::text, '') FROM segments sg WHERE sg.corp_id = corp)
  FROM unnest(ids) AS k(id);
END $fn$;
`;
