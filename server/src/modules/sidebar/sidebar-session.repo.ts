// SQL of sidebar sessions: created after WeCom OAuth named the staff member, found by the hash of the cookie's token.
import type { Tx } from '../../db/tenancy';

export async function insertSession(tx: Tx, corpId: string, tokenHash: string, staffUserid: string, expiresAt: Date): Promise<string> {
  const r = await tx.insertInto('sidebar_sessions').values({ corp_id: corpId, token_hash: tokenHash, staff_userid: staffUserid, expires_at: expiresAt }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** The live session with this token hash, with the staff member's name and the console user linked to them. */
export async function findSession(tx: Tx, corpId: string, tokenHash: string) {
  return tx
    .selectFrom('sidebar_sessions as s')
    .leftJoin('staff as st', (j) => j.onRef('st.corp_id', '=', 's.corp_id').onRef('st.userid', '=', 's.staff_userid'))
    .select(['s.id', 's.staff_userid as staffUserid', 'st.name as staffName', 'st.status as staffStatus'])
    .select((eb) =>
      eb
        .selectFrom('memberships as m')
        .select('m.user_id')
        .whereRef('m.corp_id', '=', 's.corp_id')
        .whereRef('m.staff_userid', '=', 's.staff_userid')
        .limit(1)
        .as('userId'),
    )
    .where('s.corp_id', '=', corpId)
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', new Date())
    .executeTakeFirst();
}

/** A staff member of the corp who may use the sidebar (active in WeCom). */
export async function activeStaff(tx: Tx, corpId: string, userid: string) {
  return tx.selectFrom('staff').select(['userid', 'name']).where('corp_id', '=', corpId).where('userid', '=', userid).where('status', '=', 1).executeTakeFirst();
}
