import { foundation } from './0001-foundation';
import { wecom } from './0002-wecom';
import { inboxInsert } from './0003-inbox-insert';
import { inboxInsertMany } from './0009-inbox-insert-many';
import { events } from './0004-events';
import { channels } from './0005-channels';
import { leadsFission } from './0006-leads-fission';
import { profiles } from './0007-profiles';
import { segments } from './0008-segments';
import { repurchaseCycles } from './0010-repurchase-cycles';
import { orderStats } from './0011-order-stats';
import { customerSnapshots } from './0012-customer-snapshots';
import { stageRules } from './0013-stage-rules';
import { customerActivity } from './0014-customer-activity';
import { stageRuleRuns } from './0015-stage-rule-runs';
import { segmentCountDeltas } from './0016-segment-count-deltas';
import { orderStatsSort } from './0017-order-stats-sort';
import { invitations } from './0018-invitations';
import { leadBatchParts } from './0019-lead-batch-parts';
import { materials } from './0020-materials';
import { moments } from './0021-moments';
import { sidebar } from './0023-sidebar';

// Forward-only, in order. Each id is applied once; the same SQL runs on PGlite and PostgreSQL ≥ 15.
export const migrations: Array<{ id: string; sql: string }> = [
  { id: '0001-foundation', sql: foundation },
  { id: '0002-wecom', sql: wecom },
  { id: '0003-inbox-insert', sql: inboxInsert },
  { id: '0004-events', sql: events },
  { id: '0005-channels', sql: channels },
  { id: '0006-leads-fission', sql: leadsFission },
  { id: '0007-profiles', sql: profiles },
  { id: '0008-segments', sql: segments },
  { id: '0009-inbox-insert-many', sql: inboxInsertMany },
  { id: '0010-repurchase-cycles', sql: repurchaseCycles },
  { id: '0011-order-stats', sql: orderStats },
  { id: '0012-customer-snapshots', sql: customerSnapshots },
  { id: '0013-stage-rules', sql: stageRules },
  { id: '0014-customer-activity', sql: customerActivity },
  { id: '0015-stage-rule-runs', sql: stageRuleRuns },
  { id: '0016-segment-count-deltas', sql: segmentCountDeltas },
  { id: '0017-order-stats-sort', sql: orderStatsSort },
  { id: '0018-invitations', sql: invitations },
  { id: '0019-lead-batch-parts', sql: leadBatchParts },
  { id: '0020-materials', sql: materials },
  { id: '0021-moments', sql: moments },
  { id: '0023-sidebar', sql: sidebar },
];
