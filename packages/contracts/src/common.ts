// Building blocks of route schemas: nullable values, instants (Date objects leave as ISO strings), id params, pages.
import { Type, type TSchema } from '@sinclair/typebox';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** An instant; the server hands Date objects, which leave as ISO 8601 strings. */
export const DateTime = Type.String({ format: 'date-time' });
/** A list answer `{ items }`. */
export const Items = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });
/** The answer of a route that answers 204 with no body. */
export const NoContent = Type.Null({ description: 'No content' });
/** A file answer (a spreadsheet, an image) of the given media type. */
export const FileAnswer = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: Type.String({ format: 'binary' }) } },
});
