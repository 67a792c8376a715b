import { describe, expect, it } from 'vitest';
import { ProviderError } from '../provider.js';
import { AmiLinkError, describeLinkFailure, linkErrorToProviderError, translateAmiError } from './ami-errors.js';

describe('translation of AMI refusals to provider errors', () => {
  it.each([
    ['Hangup', 'No such channel', 'unknown-call'],
    ['Redirect', 'Channel does not exist: PJSIP/6001-0000000f', 'unknown-call'],
    ['Foo', 'Invalid/unknown command', 'not-supported'],
    ['Originate', 'Permission denied', 'refused'],
    ['Originate', 'Extension does not exist.', 'refused'],
  ] as const)('%s answered "%s" is %s', (action, message, reason) => {
    const error = translateAmiError(action, { Response: 'Error', Message: message });
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.reason).toBe(reason);
    expect(error.message).toContain(message);
  });

  it('a lost link is "down" for a command, and clear words for the admin', () => {
    const link = new AmiLinkError('login-failed', 'Authentication failed');
    expect(linkErrorToProviderError(link).reason).toBe('down');
    expect(describeLinkFailure(link)).toMatch(/username and secret/);
  });
});
