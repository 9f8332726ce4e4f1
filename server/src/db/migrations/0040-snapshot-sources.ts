// The segment evaluator's snapshot reads only the sources the corp's rules can read (`sources`: follows, events,
// orders, groups, stages, rfm, points, fields); the others come back empty without a lookup. With the custom plan
// each call gets (0038), a source left out is folded away at planning. At 1,000 customers per batch each lookup
// skipped is ~1,000 index probes: a corp whose rules read orders and events only pays for those.
// The three-argument function stays for processes of the previous version while an upgrade rolls through.
export const snapshotSources = `
CREATE FUNCTION siyu_customer_snapshots(corp text, ids uuid[], event_types text[], sources text[])
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
    (SELECT coalesce(json_agg(json_build_object('type', e.type, 'occurred_at', e.occurred_at, 'properties', e.properties)), '[]')
       FROM events e WHERE e.corp_id = corp AND e.customer_id = k.id AND e.type = ANY(event_types)) ELSE '[]' END,
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
