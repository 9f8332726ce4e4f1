import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode, messageOf, pickLocale, statusOf } from './errors';

function codeFor(err: FastifyError): ErrorCode {
  if (err instanceof DomainError) return err.code;
  if (err.validation) return 'invalid_request';
  const status = err.statusCode ?? 500;
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  if (status === 404) return 'not_found';
  if (status === 400 && (err instanceof SyntaxError || /JSON/i.test(err.code ?? '') || /JSON/.test(err.message))) return 'invalid_json';
  if (status >= 400 && status < 500) return 'invalid_request';
  return 'internal';
}

// Errors leave as {code, message} in the caller's language; details only for validation problems.
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const code = codeFor(err);
    const locale = pickLocale(request.headers['accept-language'], request.cookies?.siyu_locale);
    const status = err instanceof DomainError ? statusOf(code) : code === 'internal' ? 500 : (err.statusCode ?? statusOf(code));
    if (status >= 500) request.log.error({ err }, 'request failed');
    const detail = err.validation ? err.message : err instanceof DomainError && err.message !== code ? err.message : undefined;
    return reply.code(status).send({ code, message: messageOf(code, locale), ...(detail ? { detail } : {}) });
  });
}
