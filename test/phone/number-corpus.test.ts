/**
 * Issue 12 §3 (R5.4, R6.5, R6.6): every everyday number is understood. Every demo
 * number, and a generated corpus — every demo country, each number written in every way
 * of src/phone/written-forms.ts (more than ten) — is stored through the real services
 * in a real database, then walked through
 * - store → caller ID → match: the caller ID the phone network sends (E.164, and the
 *   national or international-prefix form) is read and matched as the CTI does it
 *   (`createPhoneNumberPlan().fromNetwork`, `createCallerIdMatcher` on the database's
 *   index lookup), and must find the record that holds the number;
 * - store → click-to-dial: the stored value, sent as the browser sends it
 *   (`NumberPlan.parse`, `POST /api/calls { number }`) and as a record's field
 *   (`parseStored`), must dial the number.
 * Failures are counted and listed: there must be none. Runs with the demo's settings
 * (US, no area code, 9 for an outside line) and two others (GB/London, DE/Düsseldorf).
 */
import { parsePhoneNumber } from 'libphonenumber-js/max';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/crm/demo/demo-data.js';
import { COUNTRIES, DEMO_COUNTRIES, type DemoCountry } from '../../src/crm/demo/countries.js';
import { locationOf } from '../../src/crm/phone-settings.js';
import { createCallerIdMatcher, createPhoneNumberPlan } from '../../src/cti/phone-ports.js';
import type { CountryCode } from '../../src/phone/index.js';
import { countryPlan } from '../../src/phone/metadata.js';
import { writtenForms } from '../../src/phone/written-forms.js';
import { DIALECTS } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Stored { ownerType: string; ownerId: number; value: string; e164: string | null; expected: string; form: string }

/** The number a demo value names, read by libphonenumber itself after undoing what it does not know (`00`/`011`, `(0)`). */
function oracle(value: string, home: CountryCode): string {
  const withoutTrunk = value.replace(/(?<=[0-9+].*)\(0\)/, '');
  const direct = (() => { try { return parsePhoneNumber(withoutTrunk, home); } catch { return undefined; } })();
  if (direct?.isValid()) return String(direct.number);
  return String(parsePhoneNumber(withoutTrunk.replace(/^(?:00|011)\s*/, '+'), home).number);
}

/**
 * What the phone system presents for a number: E.164, a SIP URI, the national or
 * international-prefix digits, and those behind the outside-line prefix (as PBXs show
 * them so that a call-back works). Where the outside-line prefix is the international
 * prefix's first digit (0 and 00 in Germany), `00 33 …` alone could also be `0` and the
 * national `0 33 …`: PBXs there present the outside-line form, and only that is sent.
 */
function callerIdsOf(e164: string, home: CountryCode, idd: string, outside: string): string[] {
  const pn = parsePhoneNumber(e164);
  const national = pn.formatNational().replace(/\D/g, '');
  const trunk = countryPlan(home).trunkPrefix ?? '';
  const network = pn.country === home ? national : `${idd}${e164.slice(1)}`;
  const callBack = pn.country === home && !national.startsWith(trunk) ? `${trunk}${national}` : network;
  const ids = [e164, `sip:${e164}@trunk.example;user=phone`];
  if (outside === '' || !idd.startsWith(outside) || pn.country === home) ids.push(network);
  if (outside !== '') ids.push(`${outside}${callBack}`);
  return ids;
}

/** Corpus numbers: per demo country, one distinct landline and mobile for each way of writing. */
function corpus(home: CountryCode): Array<{ country: DemoCountry; e164: string; form: string; text: string }> {
  const out: Array<{ country: DemoCountry; e164: string; form: string; text: string }> = [];
  for (const country of DEMO_COUNTRIES) {
    const c = COUNTRIES[country];
    const [first, second] = c.cities;
    const heads = [first, second, { area: c.mobile.prefix, restLength: c.mobile.restLength, fiction: c.mobile.fiction }];
    const names = writtenForms(`+${c.callingCode}${c.mobile.prefix}${'2'.repeat(c.mobile.restLength)}`, home).map((f) => f.name);
    names.forEach((name, i) => {
      heads.forEach((h, j) => {
        if (h === undefined) return;
        const lead = h.fiction ?? '2';
        const e164 = `+${c.callingCode}${h.area}${lead}${String(i * 3 + j).padStart(h.restLength - lead.length, '0')}`;
        const form = writtenForms(e164, home).find((f) => f.name === name);
        if (form && parsePhoneNumber(e164).isValid()) out.push({ country, e164, form: name, text: form.text });
      });
    });
  }
  return out;
}

const SETTINGS = [
  { country: 'US', areaCode: '', outsidePrefix: '9', demo: true },
  { country: 'GB', areaCode: '20', outsidePrefix: '9', demo: false },
  { country: 'DE', areaCode: '211', outsidePrefix: '0', demo: false },
] as const;

describe.each(DIALECTS)('the number corpus on %s (issue 12 §3)', (dialect) => {
  describe.each(SETTINGS)('with the system in $country, area code "$areaCode", outside line $outsidePrefix', (settings) => {
    let t: TestApp;
    const stored: Stored[] = [];
    const home = settings.country as CountryCode;
    let corpusSize = 0;

    beforeAll(async () => {
      t = await startTestApp(dialect);
      const setup = await t.request(t.admin, 'POST', '/api/setup', { country: settings.country, areaCode: settings.areaCode, outsidePrefix: settings.outsidePrefix });
      expect(setup.statusCode).toBe(200);
      await loadDemoData(t.app.services, { internalLength: 4, seed: 1, now: new Date('2026-12-01T10:00:00Z') });
      const generated = corpus(home);
      corpusSize = generated.length;
      const byText = new Map<string, string>();
      for (const [i, n] of generated.entries()) {
        const p = await t.app.services.records.create('persons', { firstName: `Corpus ${n.country}`, lastName: `${n.form} ${i}`, phones: [{ kind: 'business', value: n.text }] });
        byText.set(`person:${p.id}`, `${n.e164}|${n.form}`);
      }
      const rows = await t.app.db.kysely.selectFrom('phones').select(['owner_type', 'owner_id', 'value', 'e164']).where('owner_type', 'in', ['person', 'company']).execute();
      for (const r of rows) {
        const generatedAs = byText.get(`${r.owner_type}:${r.owner_id}`);
        const [expected, form] = generatedAs ? generatedAs.split('|') as [string, string] : [oracle(r.value, home), 'demo'];
        stored.push({ ownerType: r.owner_type, ownerId: Number(r.owner_id), value: r.value, e164: r.e164, expected, form });
      }
    }, 300_000);
    afterAll(async () => { await t?.close(); });

    it('holds every demo number and the generated corpus', () => {
      expect(stored.filter((s) => s.form === 'demo').length).toBeGreaterThanOrEqual(1390);
      expect(corpusSize).toBeGreaterThanOrEqual(DEMO_COUNTRIES.length * 3 * 10);
      expect(new Set(stored.filter((s) => s.form !== 'demo').map((s) => s.form)).size).toBeGreaterThanOrEqual(10);
    });

    it('store → caller ID → match: 0 failures', async () => {
      const location = () => locationOf(t.app.services.settings.get());
      const numbers = createPhoneNumberPlan(location);
      const matcher = createCallerIdMatcher(location, t.app.services.phones.lookup.async);
      const { internationalPrefix: idd, outsidePrefixLongDistance: outside } = location();
      const failures: string[] = [];
      for (const s of stored) {
        if (s.e164 !== s.expected) failures.push(`${s.form} ${JSON.stringify(s.value)} stored as ${s.e164}, not ${s.expected}`);
        for (const callerId of callerIdsOf(s.expected, home, idd, outside)) {
          // As the call registry does it: the number the phone system presents, then the match.
          const parsed = numbers.fromNetwork(callerId);
          const r = await matcher.match(parsed.ok && parsed.e164 !== null ? parsed.e164 : callerId);
          if (!r.matches.some((m) => m.type === s.ownerType && m.id === s.ownerId)) failures.push(`${s.form} ${JSON.stringify(s.value)}: caller ID ${callerId} finds ${JSON.stringify(r.matches.map((m) => m.name))}`);
        }
      }
      expect(failures).toEqual([]);
    }, 300_000);

    it('store → click-to-dial: 0 failures', () => {
      const numbers = createPhoneNumberPlan(() => locationOf(t.app.services.settings.get()));
      const failures: string[] = [];
      for (const s of stored) {
        const clicked = numbers.parse(s.value);
        const field = numbers.parseStored?.(s.value);
        if (!clicked.ok || clicked.e164 !== s.expected) failures.push(`${s.form} ${JSON.stringify(s.value)}: click-to-dial ${JSON.stringify(clicked)}`);
        if (!field?.ok || field.e164 !== s.expected) failures.push(`${s.form} ${JSON.stringify(s.value)}: record field ${JSON.stringify(field)}`);
      }
      expect(failures).toEqual([]);
    });

    it('dials stored values the way the browser sends them (POST /api/calls with the value)', async () => {
      const sample = stored.filter((_, i) => i % 97 === 0).concat(stored.filter((s) => /[().]/.test(s.value)).slice(0, 5));
      for (const s of sample) {
        const res = await t.request(t.agent, 'POST', '/api/calls', { number: s.value });
        expect(res.statusCode, `${s.value}: ${res.body}`).toBeLessThan(300);
        const callId = (res.json() as { id: string }).id;
        await t.request(t.agent, 'POST', `/api/calls/${encodeURIComponent(callId)}/hangup`, {});
      }
    }, 120_000);
  });
});
