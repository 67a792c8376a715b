/**
 * Configuration from environment variables, parsed with a schema at boot; a bad value
 * stops the start with a readable message naming the variable. Documented in README.md.
 */
import { resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'HTTP port' }),
  HOST: Type.String({ minLength: 1, default: 'localhost', description: 'Address to listen on' }),
  DATA_DIR: Type.String({ minLength: 1, default: './data', description: 'Folder for the SQLite file' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^(postgres(ql)?://|sqlite:).+', description: 'postgres://… for PostgreSQL; default SQLite file under DATA_DIR' })),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 8, description: 'Password of the first admin; generated and printed once when unset' })),
  LOG_LEVEL: Type.Union([Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'), Type.Literal('debug'), Type.Literal('trace'), Type.Literal('silent')], { default: 'info' }),
  DEMO_DATA: Type.Union([Type.Literal('true'), Type.Literal('false')], { default: 'true', description: 'Load demo data on first start' }),
  SESSION_TTL_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 90, default: 12 }),
  COOKIE_SECURE: Type.Union([Type.Literal('true'), Type.Literal('false')], { default: 'false', description: 'Send the session cookie only over HTTPS' }),
  TRUST_PROXY: Type.String({ pattern: '^(true|false|[0-9]{1,2}|[0-9A-Fa-f.:/, ]+)$', default: 'false', description: 'Behind a reverse proxy: `true`, a hop count, or the proxies\' addresses (comma-separated), whose X-Forwarded-For gives the client address' }),
  DEMO_PASSWORD: Type.Optional(Type.String({ minLength: 8, maxLength: 200, description: 'Password of every demo user; each gets its own generated one, printed once, when unset' })),
});

export type Env = Static<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  adminPassword: string | undefined;
  logLevel: Env['LOG_LEVEL'];
  demoData: boolean;
  sessionTtlHours: number;
  cookieSecure: boolean;
  trustProxy: boolean | number | string;
  demoPassword: string | undefined;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.keys(EnvSchema.properties);
  const raw: Record<string, unknown> = {};
  for (const key of known) if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  const withDefaults = Value.Default(EnvSchema, Value.Convert(EnvSchema, raw));
  const errors = [...Value.Errors(EnvSchema, withDefaults)];
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.path.slice(1) || '(env)'}=${JSON.stringify(raw[e.path.slice(1)] ?? '')}: ${e.message}`);
    throw new ConfigError(`Invalid configuration:\n${[...new Set(lines)].join('\n')}`);
  }
  const e = withDefaults as Env;
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `sqlite:${resolve(dataDir, 'switchboard.db')}`,
    adminPassword: e.ADMIN_PASSWORD,
    logLevel: e.LOG_LEVEL,
    demoData: e.DEMO_DATA === 'true',
    sessionTtlHours: e.SESSION_TTL_HOURS,
    cookieSecure: e.COOKIE_SECURE === 'true',
    trustProxy: trustProxyOf(e.TRUST_PROXY),
    demoPassword: e.DEMO_PASSWORD,
  };
}

/** `true`/`false`, a hop count, or the proxies' addresses, as Fastify's `trustProxy` takes them. */
function trustProxyOf(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^[0-9]+$/.test(value) ? Number(value) : value.split(',').map((a) => a.trim()).filter(Boolean).join(',');
}

/** For the README table. */
export const ENV_DOC = Object.entries(EnvSchema.properties).map(([name, s]) => ({
  name, default: (s as { default?: unknown }).default, description: (s as { description?: string }).description ?? '',
}));
