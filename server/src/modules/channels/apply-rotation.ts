// Brings one code's staff list and verification mode on WeCom in line with its schedule, caps and auto-accept
// window (update_contact_way only when something changed).
import type { ContactWayConfig, WecomClient } from '@siyu/wecom';
import type { Tx } from '../../db/tenancy';
import { desiredRotation, localTime, type Rotation } from './channel-schedule';
import { addsTodayByStaff, setApplied, type ChannelCode } from './channels.repo';

export async function rotationFor(tx: Tx, corpId: string, code: ChannelCode, now: Date): Promise<Rotation> {
  const adds = await addsTodayByStaff(tx, corpId, code.id, now);
  return desiredRotation(code, localTime(now), adds);
}

export function contactWayConfig(code: ChannelCode, r: Rotation): ContactWayConfig {
  return { type: 2, scene: 2, remark: code.name.slice(0, 30), state: code.state, skip_verify: r.skipVerify, user: r.userids };
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Returns true when WeCom was updated. */
export async function applyRotation(tx: Tx, client: WecomClient, corpId: string, code: ChannelCode, now = new Date()): Promise<boolean> {
  if (!code.configId) return false;
  const r = await rotationFor(tx, corpId, code, now);
  if (!r.userids.length) return false;
  if (same(r.userids, code.appliedUserids) && r.skipVerify === code.appliedSkipVerify) return false;
  await client.updateContactWay({ config_id: code.configId, user: r.userids, skip_verify: r.skipVerify });
  await setApplied(tx, corpId, code.id, r.userids, r.skipVerify);
  return true;
}
