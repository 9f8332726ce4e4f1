import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { trimName } from './text';

// Bodies are strict (no coercion, unknown fields rejected); query strings and params are coerced from text.
// `x-trim: true` on a string (see Name() in text.ts) trims what a reader cannot see from both ends.
function makeAjv(coerce: boolean) {
  const ajv = new Ajv({ coerceTypes: coerce, removeAdditional: false, useDefaults: true, allErrors: false, strict: false });
  addFormats.default(ajv);
  ajv.addKeyword({
    keyword: 'x-trim',
    type: 'string',
    schemaType: 'boolean',
    modifying: true,
    validate: (enabled: boolean, data: string, _schema: unknown, cxt?: { parentData: Record<string | number, unknown>; parentDataProperty: string | number }) => {
      if (enabled && cxt?.parentData !== undefined) cxt.parentData[cxt.parentDataProperty] = trimName(data);
      return true;
    },
  });
  return ajv;
}

const bodyAjv = makeAjv(false);
const textAjv = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  return ajv.compile(schema) as ReturnType<FastifySchemaCompiler<object>>;
};
