// Responses are written by fast-json-stringify, which compiles a serializer for each response schema: on the route's
// first response, not when the app gets ready (compiling them all was most of an app's start). A process that starts
// many apps (the test lanes, the benches) compiles each schema once: the same schema text gets the same serializer.
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import fastJsonStringify from 'fast-json-stringify';

const compiled = new Map<string, (data: unknown) => string>();

export const serializerCompiler: FastifySerializerCompiler<object> = ({ schema }) => {
  let serialize: ((data: unknown) => string) | undefined;
  // Compiled on the route's first response, not when the server starts.
  return (data: unknown) => {
    if (!serialize) {
      const key = JSON.stringify(schema);
      serialize = compiled.get(key) ?? (fastJsonStringify(schema) as (data: unknown) => string);
      compiled.set(key, serialize);
    }
    return serialize(data);
  };
};
