// A mass message reaching a customer is Siyu acting, not the customer: `broadcast_sent` joins the list of timeline
// entries that do not move customer_activity.last_active_at (the inactivity alerts' clock). It also spares the
// results pull an upsert of every reached customer's activity row per page. Rows already moved by a broadcast keep
// their time until the customer's next own activity.
export const broadcastSentNotActivity = `
CREATE OR REPLACE FUNCTION siyu_is_activity(event_type text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $fn$
  SELECT event_type <> ALL (ARRAY['follow_deleted_by_customer', 'follow_deleted_by_staff', 'level_up', 'stage_moved',
    'segment.entered', 'segment.exited', 'tags_changed', 'note_added', 'profile_merged', 'broadcast_sent'])
$fn$;
`;
