/**
 * Fuzzing every operation of the served OpenAPI document (issue 12), logged in as an
 * agent and as an admin, with values that fit the schemas and hostile ones (huge
 * numbers, 1e20, NaN strings, >10k strings, unicode, `constructor`/`__proto__`, wrong
 * types, missing and extra fields): no answer may be a 500, and every refusal is a code
 * from the catalogue. Fixed seed, bounded runs. The phone system's own 502/503
 * (`provider-error`, `provider-down`, e.g. after the fuzzer took the simulated link down)
 * are coded answers, not faults.
 *
 * A request may log a session out, reset a password, demote or delete one of the two
 * users: after each one the users and sessions are put back, so the run goes on.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/domain/errors.js';
import { DIALECTS } from '../support/databases.js';
import { ADMIN_PASSWORD, AGENT_PASSWORD, startTestApp, type Session, type TestApp } from '../support/test-app.js';
import { requestFor, type JsonSchema, type Operation } from '../support/openapi-arbitraries.js';

const RUNS_PER_OPERATION = 8;
const CODED_5XX = new Set(['provider-down', 'provider-error']);
const FUZZER_ADDRESS = '192.0.2.99';

describe.each(DIALECTS)('OpenAPI fuzz on %s: no operation answers 500', (dialect) => {
  let t: TestApp;
  const sessions: Record<'admin' | 'agent', Session> = {} as Record<'admin' | 'agent', Session>;
  let operations: Operation[] = [];
  let components: Record<string, JsonSchema> = {};

  /** Puts the admin and the agent back as they were (role, password, existence) and logs them in again if needed. */
  const restore = async () => {
    const users = t.app.services.users;
    for (const [login, role, password, extra] of [
      ['admin', 'admin', ADMIN_PASSWORD, {}],
      ['agent', 'agent', AGENT_PASSWORD, { extension: '1001', ctiEnabled: true, ctiDevice: '1001' }],
    ] as const) {
      const me = await t.request(sessions[login], 'GET', '/api/auth/me');
      if (me.statusCode === 200 && me.json().user.role === role) continue;
      const row = await users.findByLogin(login);
      if (row === undefined) await users.create({ login, name: login, password, role, ...extra });
      else await users.update(row.id, { password, role, ...extra });
      // From the address the tests log in from (known to the limiter), not the fuzzer's, whose guesses are limited.
      sessions[login] = await t.login(login, password);
    }
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    sessions.admin = t.admin;
    sessions.agent = t.agent;
    const company = (await t.request(t.admin, 'POST', '/api/companies', { name: 'Fuzz Co', phones: [{ kind: 'business', value: '+33142685300' }] })).json() as { id: number };
    await t.request(t.admin, 'POST', '/api/persons', { firstName: 'Fuzz', lastName: 'Person', companyId: company.id, phones: [{ kind: 'mobile', value: '+33612345678' }] });
    await t.request(t.agent, 'POST', '/api/communications', { direction: 'inbound', number: '+33142685300' });
    const doc = (await t.request(null, 'GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>; components?: { schemas?: Record<string, JsonSchema> } };
    components = doc.components?.schemas ?? {};
    operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })));
  });
  afterAll(async () => { await t.close(); });

  it('covers every documented operation', () => {
    expect(operations.length).toBeGreaterThan(60);
  });

  it.each(['agent', 'admin'] as const)('as %s: every operation, random and boundary values, never a 500', async (role) => {
    const faults: string[] = [];
    let seed = role === 'agent' ? 1200 : 1300;
    for (const op of operations) {
      await fc.assert(fc.asyncProperty(requestFor(op, components), async ({ url, body }) => {
        const res = await t.app.server.inject({
          method: op.method as 'GET', url, remoteAddress: FUZZER_ADDRESS,
          headers: { cookie: sessions[role].cookie, 'x-csrf-token': sessions[role].csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
        });
        let code: string | undefined;
        try { code = (res.json() as { error?: { code?: string } }).error?.code; } catch { code = undefined; }
        const coded = code !== undefined && code in ERROR_CATALOGUE;
        const fault = res.statusCode >= 500 ? !(coded && CODED_5XX.has(code ?? '')) : res.statusCode >= 400 && !coded;
        if (fault) faults.push(`${op.method} ${url.slice(0, 200)} ${JSON.stringify(body)?.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        await restore();
      }), { seed: seed++, numRuns: RUNS_PER_OPERATION, endOnFailure: true });
    }
    expect(faults).toEqual([]);
  }, 120_000);
});
