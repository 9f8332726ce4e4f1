import pino from 'pino';

// Secrets never reach the log: errors lose the SQL's bound parameters (PGlite puts them on `params`, other drivers
// on `parameters`/`values`) and the row values PostgreSQL quotes in `detail`; known secret keys are redacted at
// any of the first four levels of a logged object. createSiyu applies this to whatever logger it is given.
export type Logger = pino.Logger;

const SECRET_KEYS = [
  'secret',
  'token',
  'aesKey',
  'password',
  'passwordHash',
  'password_hash',
  'currentPassword',
  'newPassword',
  'cookie',
  'set-cookie',
  'authorization',
  'x-siyu-signature',
  'contactSecret',
  'contact_secret',
  'appSecret',
  'app_secret',
  'callbackToken',
  'callback_token',
  'callbackAesKey',
  'callback_aes_key',
  'encodingAesKey',
  'encoding_aes_key',
  'apiKey',
  'api_key',
  'keyHash',
  'key_hash',
];

const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const k = /^[A-Za-z_]\w*$/.test(key) ? key : `["${key}"]`;
  const dot = k.startsWith('[') ? '' : '.';
  return [k, `*${dot}${k}`, `*.*${dot}${k}`, `*.*.*${dot}${k}`];
});

const PARAMETER_KEYS = ['params', 'parameters', 'values', 'bindings', 'queryOptions'];

type SerializedError = Record<string, unknown>;

function scrubError(err: SerializedError, depth: number): SerializedError {
  for (const key of PARAMETER_KEYS) delete err[key];
  if (typeof err.detail === 'string') {
    err.detail = err.detail.replace(/Failing row contains \(.*\)/s, 'Failing row contains (…)').replace(/\)=\(.*?\)( |$)/gs, ')=(…)$1');
  }
  if (depth < 5 && err.cause && typeof err.cause === 'object') err.cause = scrubError({ ...(err.cause as SerializedError) }, depth + 1);
  return err;
}

export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  return scrubError(pino.stdSerializers.err(err) as unknown as SerializedError, 0);
}

const safety = {
  serializers: { err: serializeError, error: serializeError },
  redact: { paths: REDACT_PATHS, censor: '[redacted]' },
};

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'siyu' }, ...safety }, destination);
}

/** The same redaction over a logger made elsewhere (tests, embedders). */
export function withRedaction(logger: Logger): Logger {
  return logger.child({}, safety);
}
