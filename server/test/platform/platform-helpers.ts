import { createCorpWithAdmin } from '../../src/modules/auth/auth.repo';
import { hashPassword } from '../../src/modules/auth/password';
import { login, PASSWORD, type TestApp } from '../helpers/test-app';

// A corp with only its admin, logged in: the platform tests need no other role.
export async function adminOf(app: TestApp, corpId: string): Promise<{ cookie: string; corpId: string }> {
  const email = `admin@${corpId.replace(/_/g, '-')}.test`;
  await createCorpWithAdmin(app.ctx.db, { corpId, corpName: `Corp ${corpId}`, email, name: 'Admin', passwordHash: await hashPassword(PASSWORD) });
  return { cookie: await login(app, email), corpId };
}
