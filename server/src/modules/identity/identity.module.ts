// Composition of identity: keeps customers' identities current as WeCom follows change (profile phase).
import type { SiyuModule } from '../../platform/module';
import { identityReactor } from './identity.listener';

export function createIdentityModule(): SiyuModule {
  return { name: 'identity', phase: identityReactor.phase, on: identityReactor.on };
}
