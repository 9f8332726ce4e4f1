// change_external_tag (create / update / delete / shuffle): re-pull the whole corp tag list. The list is the same
// whichever tag callback asked for it, so a batch fetches it once and stores it once.
import type { WecomClient } from '@siyu/wecom';
import type { Tx } from '../../db/tenancy';
import { tagGroupRows } from './mappers';
import { replaceTags } from './sync.repo';

export type TagList = ReturnType<typeof tagGroupRows>;

export async function fetchTagList(client: WecomClient): Promise<TagList> {
  return tagGroupRows((await client.getCorpTagList({})).tag_group);
}

export async function applyTagList(tx: Tx, corpId: string, list: TagList | null): Promise<void> {
  if (list) await replaceTags(tx, corpId, list);
}
