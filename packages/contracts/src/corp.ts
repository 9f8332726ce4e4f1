// Route schemas of the signed-in corp (/api/corp), shared by the server's routes and the console.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common';

export const CorpInfoSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  isDemo: Type.Boolean(),
  wecomCorpId: Nullable(Type.String()),
  /** a WeCom corp id and contact secret are saved */
  wecomConnected: Type.Boolean(),
  /** where WeCom sends this corp's callbacks */
  callbackUrl: Type.String(),
  apiBase: Nullable(Type.String()),
});
export type CorpInfo = Static<typeof CorpInfoSchema>;
