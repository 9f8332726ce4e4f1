import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { trimName } from './text';

type DataValidationCxt = Parameters<ValidateFunction>[1];

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

/**
 * Each route's validator is compiled on its first request, not when the server starts (compiling every route's
 * schemas was about a second of start-up). `schemaEnv` tells Fastify to pass the parent data, so that coercion and
 * `x-trim` can replace a root value as Ajv's own function would.
 */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  let compiled: ValidateFunction | undefined;
  const validate = Object.assign(
    (data: unknown, cxt?: DataValidationCxt) => {
      compiled ??= ajv.compile(schema);
      const ok = compiled(data, cxt);
      validate.errors = compiled.errors;
      return ok;
    },
    { errors: null as ValidateFunction['errors'], schemaEnv: true },
  );
  return validate as ReturnType<FastifySchemaCompiler<object>>;
};
