/**
 * Issue 12 §1: the README says Node 20, and `npm ci` must not warn EBADENGINE on it. Every
 * package the lock file installs must accept the Node version the project declares and
 * the one running the tests (cookie@2 and content-disposition@3 wanted Node ≥ 22).
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
};

describe('the installed packages run on the Node the project declares', () => {
  const declared = semver.minVersion(pkg.engines.node)?.version ?? '0.0.0';

  it.each([['the lowest declared', declared], ['this', process.versions.node]])('every locked package accepts %s Node (%s)', (_which, version) => {
    const refusing = Object.entries(lock.packages)
      .filter(([, p]) => !Array.isArray(p.engines) && p.engines?.node !== undefined && !semver.satisfies(version, p.engines.node))
      .map(([name, p]) => `${name} wants node ${(p.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });

  it('declares Node 20 (the machines here have Node 20)', () => {
    expect(semver.satisfies('20.0.0', pkg.engines.node) || semver.satisfies('20.19.0', pkg.engines.node)).toBe(true);
  });
});
