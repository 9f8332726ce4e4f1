// The two demo segments, word for word from our users, created once for the demo corp.
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import type { WecomModule } from '../wecom';
import type { Rule } from '@siyu/contracts';
import type { SegmentsService } from './segments.service';
import { findSegmentByName } from './segments.repo';

export const CHURN_SEGMENT_NAME = '重要且即将流失：购买≥3次，最近一次购买在30–60天前，累计消费≥500';
export const CHURN_RULE: Rule = {
  all: [
    { kind: 'orders', measure: 'count', op: 'gte', value: 3 },
    { kind: 'orders', measure: 'days_since_last', op: 'between', value: [30, 60] },
    { kind: 'orders', measure: 'amount', op: 'gte', value: 500 },
  ],
};
export const FRUIT_TAG_NAME = '爱水果';
export const FRUIT_SEGMENT_NAME = '买过水果 → 爱水果';
export const FRUIT_RULE: Rule = {
  kind: 'orders',
  measure: 'count',
  item: { category: '水果', nameContains: '水果' },
  op: 'gte',
  value: 1,
};

async function ensureFruitTag(ctx: AppContext, wecom: WecomModule, corpId: string): Promise<string | null> {
  const existing = await withCorp(ctx.db, corpId, (tx) =>
    tx
      .selectFrom('tags')
      .select('tag_id')
      .where('corp_id', '=', corpId)
      .where('name', '=', FRUIT_TAG_NAME)
      .executeTakeFirst(),
  );
  if (existing) return existing.tag_id;
  const client = await wecom.connections.contactClient(corpId);
  const res = await client.addCorpTag({ group_name: '兴趣偏好', tag: [{ name: FRUIT_TAG_NAME }] });
  const group = res.tag_group;
  const tag = group.tag.find((t) => t.name === FRUIT_TAG_NAME) ?? group.tag[0];
  if (!tag) return null;
  await withCorp(ctx.db, corpId, async (tx) => {
    await tx
      .insertInto('tag_groups')
      .values({ corp_id: corpId, group_id: group.group_id, name: group.group_name })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await tx
      .insertInto('tags')
      .values({ corp_id: corpId, tag_id: tag.id, group_id: group.group_id, name: tag.name })
      .onConflict((oc) => oc.doNothing())
      .execute();
  });
  return tag.id;
}

export async function seedDemoSegments(
  ctx: AppContext,
  wecom: WecomModule,
  segments: SegmentsService,
  corpId: string,
): Promise<void> {
  const system: AuthContext = { sessionId: 'system', userId: 'system', corpId, role: 'admin', staffUserid: null };
  const has = (name: string) => withCorp(ctx.db, corpId, (tx) => findSegmentByName(tx, corpId, name));
  if (!(await has(CHURN_SEGMENT_NAME))) {
    await segments.create(system, {
      name: CHURN_SEGMENT_NAME,
      description: 'bought ≥ 3 times, last purchase 30–60 days ago, spent ≥ 500 in total: important and about to churn',
      rule: CHURN_RULE,
      kind: 'segment',
    });
  }
  if (!(await has(FRUIT_SEGMENT_NAME))) {
    const tagId = await ensureFruitTag(ctx, wecom, corpId);
    if (tagId) {
      await segments.create(system, {
        name: FRUIT_SEGMENT_NAME,
        description: 'bought fruit → 爱水果',
        rule: FRUIT_RULE,
        kind: 'dynamic_tag',
        tagId,
      });
    }
  }
}
