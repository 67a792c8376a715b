/**
 * Settings of the simulated phone system (the embedded default PBX). Every field has a
 * default; `resolveSimConfig(partial)` fills the rest.
 */
import {
  DEFAULT_REMOTE_BEHAVIOUR, DEFAULT_REMOTE_SCRIPTS, type RemoteBehaviour, type RemoteScript,
} from './sim-remote-parties.js';

export interface SimDemoConfig {
  /** Place a realistic incoming call now and then (off by default, and in tests). */
  enabled: boolean;
  everyMs: number;
  /** Callers the demo rotates through, as the network presents them. */
  callers: readonly string[];
  /** An unanswered demo call is abandoned by its caller after this long. */
  abandonAfterMs: number;
}

export interface SimConfig {
  /** Extensions of the CTI devices; the device name IS the extension here. */
  extensions: readonly string[];
  /** The digit(s) dialled for an outside line (R3.3), e.g. `9`. */
  outsideLinePrefix: string;
  /** Fewer digits than this after the outside-line prefix: invalid-number. */
  minExternalDigits: number;
  remoteScripts: readonly RemoteScript[];
  defaultRemote: RemoteBehaviour;
  /** A called party that never answers fails with no-answer after this long. */
  noAnswerTimeoutMs: number;
  /** A failed call (busy, no answer...) is cleared by the PBX after this long if the agent does not hang up. */
  failedClearAfterMs: number;
  demo: SimDemoConfig;
}

export const DEFAULT_SIM_CONFIG: SimConfig = {
  extensions: ['1001', '1002', '1003', '1004'],
  outsideLinePrefix: '9',
  minExternalDigits: 6,
  remoteScripts: DEFAULT_REMOTE_SCRIPTS,
  defaultRemote: DEFAULT_REMOTE_BEHAVIOUR,
  noAnswerTimeoutMs: 30_000,
  failedClearAfterMs: 10_000,
  demo: {
    enabled: false,
    everyMs: 45_000,
    callers: ['+12127364440', '+441615527789', '+33142685300', '+4930901820'],
    abandonAfterMs: 40_000,
  },
};

export const resolveSimConfig = (partial: Partial<SimConfig> = {}): SimConfig => ({
  ...DEFAULT_SIM_CONFIG,
  ...partial,
  demo: { ...DEFAULT_SIM_CONFIG.demo, ...partial.demo },
});
