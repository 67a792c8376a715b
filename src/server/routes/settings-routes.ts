/** System behaviour (R3.1–R3.4) and first-run setup. Admin only, audited; secrets redacted. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/errors.js';
import { audit } from '../../crm/audit-log.js';
import { redactSettings, type SettingsService, type SystemSettings } from '../../crm/settings.js';
import type { Db } from '../../db/database.js';
import { currentUser } from '../auth.js';
import { Loose, Strict, errorResponses } from '../schemas.js';

const digits = (max: number) => Type.String({ pattern: '^[0-9]*$', maxLength: max });
/**
 * Digits or null (null: the country's default). One `type: [string, null]` rather than a
 * union: with type coercion on, a union's string branch turned null into "" (issue 17:
 * PUT of what GET returned changed the dialling).
 */
const digitsOrNull = (max: number) => Type.Unsafe<string | null>({ type: ['string', 'null'], pattern: '^[0-9]*$', maxLength: max });
const Country = Type.String({ pattern: '^[A-Z]{2}$' });
const AreaCodeRule = Strict({
  areaCode: Type.String({ pattern: '^[0-9]{1,6}$' }), dialAreaCode: Type.Boolean(), dialNationalPrefix: Type.Boolean(),
  localPrefixes: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{1,6}$' }), { maxItems: 1000 })),
});
const Port = Type.Integer({ minimum: 1, maximum: 65535 });
/** An IPv4/IPv6 literal or a host name: what a socket can bind to or a phone can reach. */
const Host = Type.String({ minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9.:_-]+$' });
/** A CTI device name as the SIP server uses it: the SIP user name (R4.2). */
const Device = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._+-]+$' });
const Provider = Type.Union([
  Strict({ kind: Type.Literal('sim'), demoCalls: Type.Boolean() }),
  Strict({
    kind: Type.Literal('sip'), listenHost: Host, listenPort: Port,
    transports: Type.Optional(Type.Array(Type.Union([Type.Literal('udp'), Type.Literal('tcp')]), { minItems: 1, maxItems: 2, uniqueItems: true })),
    mediaHost: Type.Optional(Host),
    // Goes inside a quoted header parameter (RFC 3261 §25.1 quoted-string): no quotes, no backslashes
    realm: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._@-]{1,100}$' })),
    trunk: Type.Union([Type.Null(), Strict({
      host: Host, port: Port, prefix: Type.Optional(Type.String({ pattern: '^[0-9*#]{0,4}$' })),
      dids: Type.Optional(Type.Record(Type.String({ pattern: '^\\+?[0-9]{1,32}$' }), Device, { maxProperties: 10_000, additionalProperties: false })),
      defaultDevice: Type.Optional(Device),
      username: Type.Optional(Type.String({ maxLength: 100 })), password: Type.Optional(Type.String({ maxLength: 200 })),
    })]),
    traceCalls: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'SIP trace: traced calls kept (default 50)' })),
    mediaStallSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600, description: 'Seconds without RTP from a side of a connected call before it is logged as "no audio from …" (default 5)' })),
    autoAnswer: Type.Optional(Type.Record(Device, Type.Union([Type.Literal('none'), Type.Literal('hint'), Type.Literal('always')]), { maxProperties: 10_000, additionalProperties: false })),
  }),
  Strict({
    kind: Type.Literal('asterisk'), host: Type.String({ minLength: 1, maxLength: 255 }), port: Type.Integer({ minimum: 1, maximum: 65535 }),
    username: Type.String({ minLength: 1, maxLength: 80 }), secret: Type.String({ maxLength: 256 }), tls: Type.Boolean(),
    originateContext: Type.String({ minLength: 1, maxLength: 80 }),
    transferContext: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })), holdContext: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    holdExten: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })), agentWaitExten: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    agentDevicePattern: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  }),
]);
/**
 * What GET returns that PUT cannot change (issue 17: PUT takes what GET returns): accepted
 * and ignored, so the admin page may send back what it read.
 */
const READ_ONLY = ['setupDone', 'countryCallingCode'] as const;
const readOnly = {
  setupDone: Type.Optional(Type.Boolean({ readOnly: true, description: 'Read-only: set by first-run setup (POST /api/setup); ignored on PUT.' })),
  countryCallingCode: Type.Optional(Type.String({ readOnly: true, description: 'Read-only: follows country; ignored on PUT.' })),
};
const SettingsPatch = Strict({
  ...readOnly,
  country: Type.Optional(Country), areaCode: Type.Optional(digits(6)), outsidePrefix: Type.Optional(Type.String({ pattern: '^[0-9*#]{0,4}$' })),
  outsidePrefixLongDistance: Type.Optional(Type.String({ pattern: '^[0-9*#]{0,4}$' })),
  internalLength: Type.Optional(Type.Integer({ minimum: 2, maximum: 8 })),
  nationalPrefix: Type.Optional(digitsOrNull(4)), internationalPrefix: Type.Optional(digitsOrNull(5)),
  areaCodeRules: Type.Optional(Type.Array(AreaCodeRule, { maxItems: 500 })),
  provider: Type.Optional(Provider),
  clientVersion: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
});
const SetupBody = Strict({ country: Country, areaCode: digits(6), outsidePrefix: Type.String({ pattern: '^[0-9*#]{0,4}$' }) });
const SettingsSchema = Loose({ ...readOnly, country: Type.String(), areaCode: Type.String(), outsidePrefix: Type.String(), internalLength: Type.Integer() });

export interface SettingsHooks {
  /** Validates a new provider configuration with a live test before it is saved (issue 7); `current` is the one configured now. */
  testProvider?: (s: SystemSettings['provider'], current: SystemSettings['provider']) => Promise<void>;
}

export function settingsRoutes(app: FastifyInstance, deps: { settings: SettingsService; db: Db; hooks?: SettingsHooks }): void {
  const tags = ['settings'];
  app.get('/api/settings', { config: { access: 'admin' }, schema: { tags, summary: 'System behaviour (R3.2)', response: { 200: SettingsSchema, ...errorResponses } } },
    async () => redactSettings(deps.settings.get()));
  app.get('/api/settings/public', { schema: { tags, summary: 'What every user\'s browser needs: country, internal length, client version', response: errorResponses } }, async () => {
    const s = deps.settings.get();
    return { country: s.country, countryCallingCode: s.countryCallingCode, areaCode: s.areaCode, internalLength: s.internalLength, clientVersion: s.clientVersion, provider: s.provider.kind };
  });
  app.put('/api/settings', { config: { access: 'admin' }, schema: { tags, summary: 'Change system behaviour: takes what GET returns; read-only fields are ignored', body: SettingsPatch, response: { 200: SettingsSchema, ...errorResponses } } },
    async (request) => {
      const patch = { ...(request.body as Partial<SystemSettings>) };
      for (const key of READ_ONLY) delete patch[key];
      if (patch.provider && deps.hooks?.testProvider) {
        try {
          await deps.hooks.testProvider(deps.settings.withKeptSecrets(patch.provider), deps.settings.get().provider);
        } catch (e) {
          throw new AppError('unprocessable', `The telephony provider settings do not work: ${(e as Error).message}`, { field: 'provider' });
        }
      }
      const saved = await deps.settings.save(patch);
      const logged = redactSettings({ ...saved, ...patch } as SystemSettings);
      await audit(deps.db.kysely, { userId: currentUser(request).id, action: 'update', entity: 'settings', entityId: 'system', details: Object.fromEntries(Object.keys(patch).map((k) => [k, logged[k as keyof SystemSettings]])) });
      return redactSettings(saved);
    });
  app.get('/api/setup', { config: { access: 'public' }, schema: { tags, summary: 'Whether first-run setup is done (R3.1)' } },
    async () => ({ done: deps.settings.get().setupDone }));
  app.post('/api/setup', { config: { access: 'admin' }, schema: { tags, summary: 'First-run setup: country, area code, outside-line prefix (R3.1)', body: SetupBody, response: { 200: SettingsSchema, ...errorResponses } } },
    async (request) => {
      const saved = await deps.settings.setup(request.body as { country: string; areaCode: string; outsidePrefix: string });
      await audit(deps.db.kysely, { userId: currentUser(request).id, action: 'setup', entity: 'settings', entityId: 'system', details: request.body });
      return redactSettings(saved);
    });
}
