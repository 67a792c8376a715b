import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CATALOGUE } from './errors.js';

describe('the error catalogue', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

  it.each(Object.entries(ERROR_CATALOGUE))('documents %s with its status in docs/errors.md', (code, entry) => {
    expect(doc).toContain(`| \`${code}\` | ${entry.status} |`);
  });

  it('gives every AppError the status of its code', () => {
    expect(new AppError('invalid-call-state', 'x', { state: 'alerting' }).status).toBe(409);
    expect(new AppError('provider-down', 'x').status).toBe(503);
  });
});
