import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { fieldOfGraphQLMessage, translateFrameworkMessage } from './graphql-messages.ts';

/** The error codes of the contract; front ends branch on them. */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401 };

export function domainError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  const status = HTTP_STATUS[code];
  return new GraphQLError(message, {
    extensions: { code, ...extensions, ...(status ? { http: { status } } : {}) },
  });
}

/** Invalid input: the Spanish message names the field, and `extensions.field` carries its path. */
export const badUserInput = (field: string, message: string) =>
  domainError('BAD_USER_INPUT', message, { field });
export const forbidden = (message = 'No tiene permiso para realizar esta acción.') =>
  domainError('FORBIDDEN', message);
export const unauthenticated = (message = 'Debe iniciar sesión para realizar esta acción.') =>
  domainError('UNAUTHENTICATED', message);
export const notFound = (message: string) => domainError('NOT_FOUND', message);
export const conflict = (message: string) => domainError('CONFLICT', message);

/** What a client reads of any failure that is not its own doing. */
export const INTERNAL_MESSAGE = 'Ocurrió un error interno. Intente de nuevo más tarde.';
/** What a client reads when a part of the platform (a subgraph, its database) is down. */
export const UNAVAILABLE_MESSAGE =
  'Esta parte de la plataforma no está disponible en este momento. Intente de nuevo en unos minutos.';

/**
 * The contract's codes, and the gateway's RATE_LIMITED and SERVICE_UNAVAILABLE: errors meant for
 * the client as they are.
 */
const CLIENT_CODES = new Set<string>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
]);
/** Errors of the contract (and RATE_LIMITED): their message is meant for the client as it is. */
export function isClientCode(code: unknown): boolean {
  return typeof code === 'string' && CLIENT_CODES.has(code);
}

/** Errors of graphql-js and Apollo Server about the request itself: the client's to fix. */
const GRAPHQL_CODES = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * PostgreSQL integrity errors that reach a client mean two requests raced past a check the code
 * makes first (a duplicate, a row deleted meanwhile): they are conflicts, not outages.
 */
const INTEGRITY_ERRORS: Record<string, string> = {
  '23505': 'El registro ya existe: otra solicitud lo creó al mismo tiempo.',
  '23503': 'El registro relacionado ya no existe o todavía está en uso.',
};

/** The first `code` along an error's chain (GraphQL's originalError, drizzle's cause) that `match` accepts. */
function codeInChain(error: unknown, match: (code: string) => boolean): string | undefined {
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && match(code)) return code;
    cause =
      (cause as { originalError?: unknown; cause?: unknown }).originalError ??
      (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

function integrityMessage(error: unknown): string | undefined {
  const code = codeInChain(error, (c) => c in INTEGRITY_ERRORS);
  return code ? INTEGRITY_ERRORS[code] : undefined;
}

/**
 * The database cannot be reached: postgres.js could not connect in `DB_CONNECT_TIMEOUT_S` or lost
 * its connection, the network refused, or PostgreSQL is shutting down or starting (57P0x), full
 * (53300) or reported a connection exception (class 08). An outage, not a bug: SERVICE_UNAVAILABLE.
 */
const OUTAGE_CODES = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const isOutage = (error: unknown) =>
  codeInChain(error, (code) => OUTAGE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) !== undefined;

/**
 * Errors the code raised on purpose go out as they are. Anything else is a bug or an outage: in
 * production its message (which may quote SQL or data) is replaced. In production only `code` and
 * `field` leave in `extensions`: no stack trace, no `serviceName` of the subgraph that raised it,
 * no `response` of a subgraph (URL, body), whatever layer added them.
 */
export function createErrorFormatter(production: boolean) {
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    const integrity = integrityMessage(error);
    if (integrity) {
      return {
        message: integrity,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'CONFLICT' },
      };
    }
    if (isOutage(error)) {
      return {
        message: UNAVAILABLE_MESSAGE,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    if (CLIENT_CODES.has(code) || GRAPHQL_CODES.has(code)) {
      const message = translateFrameworkMessage(formatted.message, code);
      const field = formatted.extensions?.field ?? fieldOfGraphQLMessage(formatted.message);
      const withField = {
        ...formatted,
        message,
        extensions: { ...formatted.extensions, ...(field ? { field } : {}) } as Record<string, unknown>,
      };
      if (!production) return withField;
      return {
        message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code, ...(field ? { field } : {}) },
      };
    }
    if (!production) return formatted;
    return {
      message: INTERNAL_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
