/**
 * Demo data loaded on first start (DEMO_DATA=true), through the real services so every
 * phone is keyed and indexed as a user's would be: ten colleagues (five with CTI), the
 * demo set of demo-records.ts, cases, opportunities, leads and a call history with one
 * missed call to call back. Deterministic (seeded), except the colleagues' passwords:
 * each colleague gets its own random one, returned so the first start prints them once
 * with the admin's, or all get the one DEMO_PASSWORD names (issue 12: no demo agent
 * shares the admin's password).
 */
import { generatePassword } from '../passwords.js';
import type { CommunicationService } from '../communications.js';
import type { RecordService, RecordOut } from '../records.js';
import type { SettingsService } from '../settings.js';
import type { CallScreen, UserService } from '../users.js';
import type { Db } from '../../db/database.js';
import { DEMO_COLLEAGUES_MAX, buildDemoSet, colleaguePhone } from './demo-records.js';
import { createPrng, type Prng } from './prng.js';

/** The slice of the app's services the loader uses (structurally `Pick<Services, …>`). */
export interface DemoServices {
  records: RecordService;
  users: UserService;
  communications: CommunicationService;
  settings: SettingsService;
  db: Db;
}

export interface DemoOptions {
  internalLength: number;
  /** Password of every demo colleague (DEMO_PASSWORD); each gets its own random one when absent. */
  password?: string;
  /** "Now" for the call history (recent calls are relative to it). */
  now?: Date;
  seed?: number;
}

export interface DemoResult {
  users: number; companies: number; persons: number;
  /** login → generated password, to be shown once; empty when `password` was given. */
  passwords: Record<string, string>;
}

interface Colleague { login: string; name: string; cti: boolean; screen: CallScreen; alwaysShow?: boolean; locale?: 'en' | 'fr' }

const COLLEAGUES: readonly Colleague[] = [
  { login: 'alice', name: 'Alice Martin', cti: true, screen: 'person-summary' },
  { login: 'bob', name: 'Bob Okafor', cti: true, screen: 'new-case' },
  { login: 'chloe', name: 'Chloé Lefèvre', cti: true, screen: 'company-summary', locale: 'fr' },
  { login: 'dieter', name: 'Dieter Krause', cti: true, screen: 'new-opportunity', alwaysShow: true },
  { login: 'emma', name: 'Emma Lindqvist', cti: true, screen: 'new-lead' },
  { login: 'farid', name: 'Farid Haddad', cti: false, screen: 'person-summary' },
  { login: 'grace', name: 'Grace O\'Sullivan', cti: false, screen: 'new-case' },
  { login: 'hugo', name: 'Hugo Moreau', cti: false, screen: 'company-summary', locale: 'fr' },
  { login: 'isabel', name: 'Isabel Ortega', cti: false, screen: 'person-summary' },
  { login: 'jun', name: 'Jun Tanaka', cti: false, screen: 'person-summary' },
];

/** Extension n (0-based) of `length` digits: 1001, 1002, … for four digits. */
export const demoExtension = (n: number, length: number): string => String(10 ** (length - 1) + 1 + n);

const CASE_SUBJECTS = ['Delivery arrived damaged', 'Invoice shows the wrong VAT rate', 'Cannot log in to the customer portal', 'Request for a credit note', 'Spare parts for order 4471', 'Installation appointment', 'Warranty claim', 'Change of billing address', 'Missing items in shipment', 'Price query on renewal'];
const PRODUCTS = ['support contract', 'widgets', 'valve assemblies', 'software licences', 'training days', 'service visits', 'printer fleet', 'spare-parts kit'];
const LEAD_SOURCES = ['Web form', 'Trade show', 'Referral', 'Cold call', 'LinkedIn', 'Partner'];
const day = 86_400_000;

async function createColleagues(s: DemoServices, opts: DemoOptions, home: string, passwords: Record<string, string>): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, c] of COLLEAGUES.slice(0, DEMO_COLLEAGUES_MAX).entries()) {
    const extension = demoExtension(i, opts.internalLength);
    const password = opts.password ?? generatePassword();
    if (opts.password === undefined) passwords[c.login] = password;
    const user = await s.users.create({
      login: c.login, name: c.name, password, role: 'agent', email: `${c.login}@switchboard.example`,
      phone: colleaguePhone(home, i), extension, locale: c.locale ?? 'en',
      ctiEnabled: c.cti, ctiDevice: c.cti ? extension : null, ctiCallScreen: c.screen, alwaysShowCallScreen: c.alwaysShow ?? false,
    });
    ids.push(user.id);
  }
  return ids;
}

async function createLinked(s: DemoServices, rng: Prng, persons: RecordOut[], agents: number[], now: Date): Promise<void> {
  const pickPerson = () => rng.pick(persons);
  const date = (offsetDays: number) => new Date(now.getTime() + offsetDays * day).toISOString().slice(0, 10);
  for (let i = 0; i < 30; i++) {
    const p = pickPerson();
    await s.records.create('cases', {
      subject: rng.pick(CASE_SUBJECTS), status: rng.pick(['open', 'open', 'pending', 'closed']), priority: rng.pick(['low', 'normal', 'normal', 'high', 'urgent']),
      description: null, companyId: p.companyId ?? null, personId: p.id, assignedUserId: rng.pick(agents),
    });
  }
  for (let i = 0; i < 25; i++) {
    const p = pickPerson();
    const qty = rng.pick([5, 10, 12, 20, 50, 100, 250]);
    await s.records.create('opportunities', {
      name: `${qty} ${rng.pick(PRODUCTS)}`, stage: rng.pick(['prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost']),
      amount: qty * rng.pick([90, 150, 480, 1200]), closeDate: date(rng.between(-30, 120)),
      companyId: p.companyId ?? null, personId: p.id, assignedUserId: rng.pick(agents),
    });
  }
  for (let i = 0; i < 20; i++) {
    const p = pickPerson();
    await s.records.create('leads', {
      name: `${String(p.title)} — ${rng.pick(PRODUCTS)}`, status: rng.pick(['new', 'contacted', 'qualified', 'lost']), source: rng.pick(LEAD_SOURCES),
      companyId: p.companyId ?? null, personId: p.id, assignedUserId: rng.pick(agents),
    });
  }
}

type PhoneOut = { value: string; e164: string | null };

async function createCalls(s: DemoServices, rng: Prng, persons: RecordOut[], agents: number[], now: Date, internalLength: number): Promise<void> {
  const minute = 60_000;
  for (let i = 0; i < 16; i++) {
    const p = rng.pick(persons);
    const phone = (p.phones as PhoneOut[])[0];
    if (!phone) continue;
    const started = new Date(now.getTime() - (i + 1) * 5 * 60 * minute - rng.int(60) * minute);
    const answered = new Date(started.getTime() + rng.between(3, 20) * 1000);
    const duration = rng.between(25, 900);
    const transferred = i % 7 === 3;
    await s.communications.create({
      kind: 'call', direction: rng.chance(0.5) ? 'inbound' : 'outbound', number: phone.value, e164: phone.e164,
      startedAt: started.toISOString(), answeredAt: answered.toISOString(),
      endedAt: new Date(answered.getTime() + duration * 1000).toISOString(), durationS: duration,
      outcome: transferred ? 'transferred' : 'answered', transferredTo: transferred ? demoExtension(1, internalLength) : null,
      personId: p.id, companyId: (p.companyId as number | null) ?? null, userId: rng.pick(agents),
      notes: rng.pick([null, 'Asked for a quote by Friday.', 'Will send the signed order.', 'Follow up next week.', 'Wrong department, transferred.']),
    });
  }
  // The missed call flagged for call-back: an inbound call nobody answered, 40 minutes ago.
  const caller = persons[2] ?? (persons[0] as RecordOut);
  const phone = (caller.phones as PhoneOut[])[0];
  const started = new Date(now.getTime() - 40 * minute);
  await s.communications.create({
    kind: 'call', direction: 'inbound', number: phone?.value ?? '', e164: phone?.e164 ?? null,
    startedAt: started.toISOString(), answeredAt: null, endedAt: new Date(started.getTime() + 25_000).toISOString(), durationS: 0,
    outcome: 'missed', personId: caller.id, companyId: (caller.companyId as number | null) ?? null, userId: agents[0] ?? null,
    notes: null, callback: true,
  });
}

export async function loadDemoData(services: DemoServices, opts: DemoOptions): Promise<DemoResult> {
  const home = services.settings.get().country;
  const now = opts.now ?? new Date();
  const set = buildDemoSet(home, opts.seed ?? 1);
  const passwords: Record<string, string> = {};
  const agents = await createColleagues(services, opts, home, passwords);
  const companyIds: number[] = [];
  for (const c of set.companies) {
    companyIds.push((await services.records.create('companies', { ...c })).id);
  }
  const persons: RecordOut[] = [];
  for (const p of set.persons) {
    const { company, ...fields } = p;
    persons.push(await services.records.create('persons', { ...fields, companyId: company === null ? null : companyIds[company] ?? null }));
  }
  const rng = createPrng((opts.seed ?? 1) + 1);
  const ctiAgents = agents.slice(0, COLLEAGUES.filter((c) => c.cti).length);
  await createLinked(services, rng, persons, agents, now);
  await createCalls(services, rng, persons, ctiAgents, now, opts.internalLength);
  return { users: agents.length, companies: companyIds.length, persons: persons.length, passwords };
}
