// change_external_tag (create / update / delete / shuffle): re-pull the whole corp tag list.
import type { ExternalTagEvent, WecomClient } from '@siyu/wecom';
import type { EventWriter } from './apply-contact-event';
import { tagGroupRows } from './mappers';
import { replaceTags } from './sync.repo';

export async function prepareTagEvent(client: WecomClient, _e: ExternalTagEvent): Promise<EventWriter> {
  const list = await client.getCorpTagList({});
  const groups = tagGroupRows(list.tag_group);
  return async (tx, corpId) => ({ ...(await replaceTags(tx, corpId, groups)) });
}
