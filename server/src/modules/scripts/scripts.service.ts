// Decisions of the script library: a script's folder must exist, names of folders are unique, every change is
// audited; the sidebar reads scripts with one staff member's own use counts and records their uses.
import type { ScriptInput } from '@siyu/contracts';
import type { AppContext } from '../../context';
import { withCorp, type Tx } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { writeAudit } from '../audit';
import * as repo from './scripts.repo';

async function checkFolder(tx: Tx, corpId: string, folderId: string | null) {
  if (folderId && !(await repo.folderExists(tx, corpId, folderId))) throw new DomainError('script_folder_unknown');
}

export function createScriptsService({ db }: AppContext) {
  return {
    list: (auth: AuthContext, q: { folderId?: string; q?: string }) =>
      withCorp(db, auth.corpId, async (tx) => ({ items: await repo.listScripts(tx, auth.corpId, q), folders: await repo.listFolders(tx, auth.corpId) })),

    create: (auth: AuthContext, input: ScriptInput) =>
      withCorp(db, auth.corpId, async (tx) => {
        await checkFolder(tx, auth.corpId, input.folderId);
        const id = await repo.insertScript(tx, auth.corpId, input, auth.userId);
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'script.create', target: id, detail: { title: input.title } });
        return { id };
      }),

    update: (auth: AuthContext, id: string, input: ScriptInput) =>
      withCorp(db, auth.corpId, async (tx) => {
        await checkFolder(tx, auth.corpId, input.folderId);
        if (!(await repo.updateScript(tx, auth.corpId, id, input))) throw new DomainError('not_found');
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'script.update', target: id, detail: { title: input.title } });
      }),

    remove: (auth: AuthContext, id: string) =>
      withCorp(db, auth.corpId, async (tx) => {
        if (!(await repo.deleteScript(tx, auth.corpId, id))) throw new DomainError('not_found');
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'script.delete', target: id });
      }),

    createFolder: (auth: AuthContext, name: string) =>
      withCorp(db, auth.corpId, async (tx) => {
        const row = await repo.insertFolder(tx, auth.corpId, name);
        if (!row) throw new DomainError('script_folder_taken');
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'script_folder.create', target: row.id, detail: { name } });
        return { ...row, scripts: 0 };
      }),

    removeFolder: (auth: AuthContext, id: string) =>
      withCorp(db, auth.corpId, async (tx) => {
        if (!(await repo.deleteFolder(tx, auth.corpId, id))) throw new DomainError('not_found');
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'script_folder.delete', target: id });
      }),

    uses: (auth: AuthContext) => withCorp(db, auth.corpId, async (tx) => ({ items: await repo.usesByStaff(tx, auth.corpId) })),
  };
}

export type ScriptsService = ReturnType<typeof createScriptsService>;
