// Responses are written by fast-json-stringify, which compiles a serializer for each response schema when the app
// gets ready (most of an app's start). A process that starts many apps (the test lanes, the benches) compiles each
// schema once: the same schema text gets the same serializer. One app per process, as in production, is unchanged.
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import fastJsonStringify from 'fast-json-stringify';

const compiled = new Map<string, (data: unknown) => string>();

export const serializerCompiler: FastifySerializerCompiler<object> = ({ schema }) => {
  const key = JSON.stringify(schema);
  let serialize = compiled.get(key);
  if (!serialize) {
    serialize = fastJsonStringify(schema) as (data: unknown) => string;
    compiled.set(key, serialize);
  }
  return serialize;
};
