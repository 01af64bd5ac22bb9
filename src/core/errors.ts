/** The one error type of Nautilus: a stable code, an HTTP status for the edge, and a clear message. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'NOT_FOUND'
  | 'UNDECLARED_TOPIC'
  | 'LIFECYCLE'
  | 'BUS_UNAVAILABLE'
  | 'BUS_OVERFLOW'
  | 'REQUEST_TIMEOUT'
  | 'NO_ENDPOINT'
  | 'NOT_IMPLEMENTED'
  | 'UPSTREAM_ERROR'
  | 'UPSTREAM_RATE_LIMITED'
  | 'UPSTREAM_AUTH'
  | 'EGRESS_BLOCKED'
  | 'POINT_IN_TIME_UNSAFE'
  | 'INSUFFICIENT_DATA'
  | 'STORE_ERROR'
  | 'INTERNAL';

const STATUS: Record<ErrorCode, number> = {
  CONFIG_INVALID: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  NOT_FOUND: 404,
  UNDECLARED_TOPIC: 500,
  LIFECYCLE: 409,
  BUS_UNAVAILABLE: 503,
  BUS_OVERFLOW: 503,
  REQUEST_TIMEOUT: 504,
  NO_ENDPOINT: 503,
  NOT_IMPLEMENTED: 501,
  UPSTREAM_ERROR: 502,
  UPSTREAM_RATE_LIMITED: 429,
  UPSTREAM_AUTH: 502,
  EGRESS_BLOCKED: 403,
  POINT_IN_TIME_UNSAFE: 409,
  INSUFFICIENT_DATA: 409,
  STORE_ERROR: 503,
  INTERNAL: 500,
};

/** For codes that crossed a process boundary (RPC replies): only known codes are kept. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(STATUS, value);
}

export class NautilusError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'NautilusError';
    this.code = code;
    this.status = STATUS[code];
    this.details = options.details;
  }
}

/** Normalises anything thrown into a NautilusError at an edge (HTTP, CLI, bus handler). */
export function toNautilusError(error: unknown): NautilusError {
  if (error instanceof NautilusError) return error;
  if (error instanceof Error) return new NautilusError('INTERNAL', error.message, { cause: error });
  return new NautilusError('INTERNAL', String(error));
}

export function errorBody(error: NautilusError): {
  error: { code: ErrorCode; message: string; details?: unknown };
} {
  return {
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  };
}
