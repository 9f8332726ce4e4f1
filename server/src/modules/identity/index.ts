// The identity port: which customer an id or phone belongs to, merging two profiles, the WeCom identity listener,
// and (until ingestion's identity resolution moves here as one flow) the identity reads and writes it needs.
export {
  findIdentities,
  insertCustomers,
  insertIdentities,
  linkMirroredIdentities,
  listIdentities,
  resolveCustomerId,
  type IdentityRef,
  type NewCustomer,
} from './identity.repo';
export { mergeCustomers, pickSurvivor, type MergeInput } from './merge-customers';
export { createIdentityModule } from './identity.module';
