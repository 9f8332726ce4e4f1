// The script library as the chat sidebar uses it: one staff member's view (their own use counts, folder names) and
// recording that they sent a script. Runs inside the caller's transaction.
import type { Tx } from '../../db/tenancy';
import * as repo from './scripts.repo';

export type StaffScript = repo.ScriptRow & { folder: string | null };

export async function scriptsForStaff(tx: Tx, corpId: string, staffUserid: string, q?: string): Promise<StaffScript[]> {
  const [rows, folders] = await Promise.all([repo.listScripts(tx, corpId, { staffUserid, q }), repo.folderNames(tx, corpId)]);
  return rows.map((r) => ({ ...r, folder: r.folderId ? (folders.get(r.folderId) ?? null) : null }));
}

/** One more use of a script by this staff member; false when the script no longer exists. */
export function recordScriptUse(tx: Tx, corpId: string, scriptId: string, staffUserid: string): Promise<boolean> {
  return repo.addUse(tx, corpId, scriptId, staffUserid);
}

/** One script by id (the sidebar re-reads it when sending, so a deleted script is refused, never sent stale). */
export function scriptById(tx: Tx, corpId: string, scriptId: string) {
  return repo.findScript(tx, corpId, scriptId);
}
