/**
 * Settings of the Asterisk (AMI) connector, validated with a TypeBox schema on save
 * (`parseAmiConfig`). The secret is write-only: `publicAmiConfig` is what logs and the API
 * may show, and it never contains the secret.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DEFAULT_AGENT_DEVICE_PATTERN } from './ami-call-model.js';

export const AmiConfigSchema = Type.Object({
  host: Type.String({ minLength: 1, maxLength: 253, description: 'Asterisk host name or IP address' }),
  port: Type.Integer({ minimum: 1, maximum: 65535, default: 5038, description: '5038 plain TCP; 5039 is usual for TLS' }),
  username: Type.String({ minLength: 1, maxLength: 80, pattern: '^[^\\r\\n]+$', description: 'manager.conf account, e.g. [crm]' }),
  secret: Type.String({ minLength: 1, maxLength: 256, pattern: '^[^\\r\\n]+$', description: 'write-only; never logged or returned' }),
  tls: Type.Boolean({ default: false, description: 'connect with TLS (manager.conf [general] tlsenable=yes)' }),
  /** Reject a TLS certificate that does not verify (turn off only for a self-signed lab PBX). */
  tlsVerify: Type.Boolean({ default: true }),
  originateContext: Type.String({ minLength: 1, maxLength: 80, default: 'from-internal', description: 'dialplan context click-to-dial runs the number in' }),
  transferContext: Type.String({ minLength: 1, maxLength: 80, default: 'from-internal', description: 'context of BlindTransfer/Atxfer targets' }),
  holdContext: Type.String({ minLength: 1, maxLength: 80, default: 'cti-hold' }),
  holdExten: Type.String({ minLength: 1, maxLength: 80, default: 'hold', description: 'music on hold for the far party' }),
  agentWaitExten: Type.String({ minLength: 1, maxLength: 80, default: 'agent-wait', description: 'silent wait for the agent while held' }),
  agentDevicePattern: Type.String({ minLength: 1, maxLength: 200, default: DEFAULT_AGENT_DEVICE_PATTERN, description: 'regular expression: which devices are agents (not trunks)' }),
  originateTimeoutMs: Type.Integer({ minimum: 1000, maximum: 300_000, default: 30_000 }),
  responseTimeoutMs: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
  keepaliveMs: Type.Integer({ minimum: 1000, maximum: 600_000, default: 20_000 }),
  reconnect: Type.Object({
    initialMs: Type.Integer({ minimum: 10, maximum: 60_000, default: 500 }),
    maxMs: Type.Integer({ minimum: 10, maximum: 600_000, default: 30_000 }),
    factor: Type.Number({ minimum: 1, maximum: 10, default: 2 }),
  }, { default: {} }),
  maxMessageBytes: Type.Integer({ minimum: 1024, maximum: 16 * 1024 * 1024, default: 256 * 1024 }),
  maxHeaders: Type.Integer({ minimum: 16, maximum: 100_000, default: 1024 }),
}, { additionalProperties: false });

export type AmiConfig = Static<typeof AmiConfigSchema>;

export class AmiConfigError extends Error {
  constructor(readonly problems: Array<{ path: string; message: string }>) {
    super(`invalid Asterisk connection settings: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`);
    this.name = 'AmiConfigError';
  }
}

/** Validates and fills defaults; throws `AmiConfigError` naming each bad field (never its value). */
export const parseAmiConfig = (input: unknown): AmiConfig => {
  const withDefaults = Value.Default(AmiConfigSchema, structuredClone(input ?? {}));
  const problems = [...Value.Errors(AmiConfigSchema, withDefaults)].map((e) => ({ path: e.path, message: e.message }));
  if (problems.length === 0) {
    const config = withDefaults as AmiConfig;
    try {
      new RegExp(config.agentDevicePattern);
    } catch {
      problems.push({ path: '/agentDevicePattern', message: 'is not a valid regular expression' });
    }
    if (config.reconnect.maxMs < config.reconnect.initialMs) problems.push({ path: '/reconnect/maxMs', message: 'must be at least initialMs' });
    if (problems.length === 0) return config;
  }
  throw new AmiConfigError(problems);
};

export type PublicAmiConfig = Omit<AmiConfig, 'secret'> & { secretSet: boolean };

/** What may be logged or returned by the API: everything but the secret. */
export const publicAmiConfig = (config: AmiConfig): PublicAmiConfig => {
  const { secret, ...rest } = config;
  return { ...rest, secretSet: secret.length > 0 };
};

/** Delay before reconnect attempt `attempt` (0-based): exponential, capped. */
export const reconnectDelayMs = (config: Pick<AmiConfig, 'reconnect'>, attempt: number): number =>
  Math.min(config.reconnect.maxMs, Math.round(config.reconnect.initialMs * config.reconnect.factor ** Math.max(0, attempt)));
