// Route schemas of stores and store codes (门店活码, /api/stores…, /api/store-codes…), shared by the server's routes and
// the console.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Items, Nullable } from './common';

export const StoreSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  city: Type.String(),
  address: Type.String(),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  /** the channel code (staff QR) the store shows when it has no group code */
  channelId: Nullable(Type.String()),
  groupCodeId: Nullable(Type.String()),
  createdAt: DateTime,
});
export type StoreAnswer = Static<typeof StoreSchema>;

/** A row of GET /api/stores: the store with its landing-page scans and its codes' adds and joins. */
export const StoreListItemSchema = Type.Composite([StoreSchema, Type.Object({ scans: Type.Integer(), adds: Type.Integer(), joins: Type.Integer() })]);
export type StoreListItem = Static<typeof StoreListItemSchema>;
export const StoreListSchema = Items(StoreListItemSchema);

/** The answer of POST /api/stores/import: rows read, stores added and updated (matched by name), rows refused. */
export const StoreImportResultSchema = Type.Object({
  total: Type.Integer(),
  imported: Type.Integer(),
  updated: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), message: Type.String() })),
});
export type StoreImportResult = Static<typeof StoreImportResultSchema>;

/** A store code: one landing page that sends each visitor to the nearest store's QR. */
export const StoreCodeSchema = Type.Object({ id: Type.String(), name: Type.String(), title: Type.String() });
export type StoreCodeAnswer = Static<typeof StoreCodeSchema>;
export const StoreCodeListItemSchema = Type.Composite([StoreCodeSchema, Type.Object({ createdAt: DateTime, visits: Type.Integer() })]);
export type StoreCodeListItem = Static<typeof StoreCodeListItemSchema>;
export const StoreCodeListSchema = Items(StoreCodeListItemSchema);
