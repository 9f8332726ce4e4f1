// Route schemas of the corp's custom customer fields (/api/custom-fields), shared by the server's routes and the console.
import { Type, type Static } from '@sinclair/typebox';
import { Items } from './common';

export const CustomFieldTypeSchema = Type.Union([
  Type.Literal('text'),
  Type.Literal('number'),
  Type.Literal('date'),
  Type.Literal('select'),
]);
export const CustomFieldSchema = Type.Object({
  id: Type.String(),
  key: Type.String(),
  label: Type.String(),
  type: CustomFieldTypeSchema,
  /** the choices of a select field */
  options: Type.Array(Type.String()),
  sortOrder: Type.Integer(),
});
export type CustomField = Static<typeof CustomFieldSchema>;
export const CustomFieldListSchema = Items(CustomFieldSchema);
