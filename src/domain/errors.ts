/**
 * The error catalogue: every error the API can return has a code here, with its HTTP
 * status and a one-line meaning. `docs/errors.md` documents each code; a unit test
 * fails if one is missing there. API errors look alike:
 * `{ "error": { "code": "invalid-call-state", "message": "...", "details": {...} } }`.
 */
export const ERROR_CATALOGUE = {
  'validation-failed': { status: 400, meaning: 'A request body, query or path parameter is not valid; details name the field.' },
  'unauthenticated': { status: 401, meaning: 'No valid session: log in first.' },
  'invalid-credentials': { status: 401, meaning: 'Login or password is wrong.' },
  'csrf-token-invalid': { status: 403, meaning: 'A state-changing request lacks the CSRF token returned at login.' },
  'forbidden': { status: 403, meaning: 'Your role does not allow this (admin only).' },
  'not-your-device': { status: 403, meaning: 'The call is not on your own device.' },
  'not-your-record': { status: 403, meaning: 'An agent may write only their own call log entries (and only in their own name).' },
  'cti-not-enabled': { status: 403, meaning: 'CTI is not enabled for your user.' },
  'not-found': { status: 404, meaning: 'No such record.' },
  'conflict': { status: 409, meaning: 'The record conflicts with an existing one (e.g. duplicate login or column name).' },
  'invalid-call-state': { status: 409, meaning: 'The call is not in a state that allows this command; details hold the state.' },
  'not-supported': { status: 409, meaning: 'The telephony provider cannot do this.' },
  'setup-required': { status: 409, meaning: 'First-run setup has not been completed.' },
  'device-unavailable': { status: 409, meaning: 'Your phone is not registered with the phone system (switched off or logged out); details.reason is `unavailable`.' },
  'invalid-phone-number': { status: 422, meaning: 'The number is not a usable phone number; details hold the reason.' },
  'unprocessable': { status: 422, meaning: 'The request is well-formed but cannot be applied; details say why.' },
  'weak-password': { status: 422, meaning: 'The password is too easy to guess (common, a sequence, a keyboard walk, the login…); details.reason says which.' },
  'rate-limited': { status: 429, meaning: 'Too many attempts; wait and retry.' },
  'provider-down': { status: 503, meaning: 'The telephony provider is not connected.' },
  'provider-error': { status: 502, meaning: 'The telephony provider refused or failed the command.' },
  'internal-error': { status: 500, meaning: 'An unexpected error; it has been logged.' },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The one error type the layers throw; the HTTP layer turns it into the JSON shape above. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
