/**
 * Pure translation of AMI failures to the contract's `ProviderError` (the CTI core maps those
 * to the error catalogue). AMI answers a refused action with `Response: Error` and a
 * `Message:` in English; the messages matched below are Asterisk 22's (manager.c and the
 * action handlers), matched loosely since wording drifts between versions.
 */
import { ProviderError } from '../provider.js';
import type { AmiMessage } from './ami-parser.js';

/** The link-level failures the connection reports (not answers to an action). */
export type AmiLinkFailure =
  | 'connect-failed'
  | 'login-failed'
  | 'protocol-error'
  | 'timeout'
  | 'closed';

export class AmiLinkError extends Error {
  constructor(readonly failure: AmiLinkFailure, message: string) {
    super(message);
    this.name = 'AmiLinkError';
  }
}

/** `Response: Error` to `action` → the provider error a command caller sees. */
export const translateAmiError = (action: string, response: AmiMessage): ProviderError => {
  const text = response.Message ?? 'no message';
  const said = `Asterisk refused ${action}: ${text}`;
  const lower = text.toLowerCase();
  if (lower.includes('no such channel') || lower.includes('channel does not exist') || lower.includes('not found')) {
    return new ProviderError('unknown-call', said);
  }
  if (lower.includes('invalid/unknown command') || lower.includes('not supported')) {
    return new ProviderError('not-supported', said);
  }
  if (lower.includes('permission denied') || lower.includes('authentication')) {
    return new ProviderError('refused', `${said} (check the manager.conf read/write classes, docs/asterisk.md)`);
  }
  if (lower.includes('not in a bridge') || lower.includes('no attended transfer') || lower.includes('is not bridged')) {
    return new ProviderError('invalid-state', said);
  }
  return new ProviderError('refused', said);
};

/** A link failure → `down` for a command caller: the UI says the provider is down. */
export const linkErrorToProviderError = (error: AmiLinkError): ProviderError =>
  new ProviderError('down', `Asterisk is not reachable: ${error.message}`);

/** Words for the admin when the live test of new settings fails (issue 7: validated on save). */
export const describeLinkFailure = (error: AmiLinkError): string => {
  switch (error.failure) {
    case 'connect-failed':
      return `cannot reach the Asterisk manager port: ${error.message}`;
    case 'login-failed':
      return 'Asterisk refused the login: check the username and secret in manager.conf';
    case 'protocol-error':
      return `the server does not speak AMI correctly: ${error.message}`;
    case 'timeout':
      return `Asterisk did not answer in time: ${error.message}`;
    case 'closed':
      return `the connection closed: ${error.message}`;
  }
};
