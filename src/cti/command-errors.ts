/**
 * Pure translation of a provider's refusal to the error catalogue (src/domain/errors.ts).
 * Anything that is not a ProviderError is rethrown unchanged (a bug, logged upstream).
 */
import type { ConnectionState } from '../domain/call.js';
import { AppError } from '../domain/errors.js';
import { ProviderError } from '../telephony/provider.js';

export const toAppError = (err: unknown, state: ConnectionState | undefined): unknown => {
  if (!(err instanceof ProviderError)) return err;
  switch (err.reason) {
    case 'not-supported':
      return new AppError('not-supported', err.message);
    case 'invalid-state':
      return new AppError('invalid-call-state', err.message, { state: state ?? 'null' });
    case 'down':
      return new AppError('provider-down', err.message);
    case 'unknown-call':
      return new AppError('not-found', err.message);
    case 'unavailable':
      return new AppError('device-unavailable', err.message, { reason: err.reason });
    case 'unknown-device':
    case 'refused':
      return new AppError('provider-error', err.message, { reason: err.reason });
  }
};
