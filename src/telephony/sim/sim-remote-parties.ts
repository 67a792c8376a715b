/**
 * The scripted outside world of the simulated phone system: how a remote number behaves
 * when an extension calls it. Pure: `behaviourFor(number, scripts)` picks the first
 * script whose suffix ends the number, else the default.
 *
 * Default table (configurable through `SimConfig.remoteScripts` / `defaultRemote`):
 *
 * | number ends with | behaviour                                              |
 * |------------------|--------------------------------------------------------|
 * | `0111`           | busy (failed: busy)                                    |
 * | `0122`           | rings and is never answered (failed: no-answer after the no-answer timeout) |
 * | `0133`           | answers after 2 s, hangs up 5 s later                  |
 * | `0199`           | rejects the call (failed: rejected)                    |
 * | anything else    | answers after 2 s and stays until someone hangs up     |
 *
 * Numbers shorter than `minExternalDigits` after the outside-line prefix are invalid
 * (failed: invalid-number); that check lives in the PBX's routing, not here.
 */
export type RemoteBehaviour =
  | { kind: 'answer'; afterMs: number; hangUpAfterMs?: number }
  | { kind: 'busy' }
  | { kind: 'no-answer' }
  | { kind: 'reject' };

export interface RemoteScript {
  /** Digits the dialled number ends with. */
  endsWith: string;
  behaviour: RemoteBehaviour;
  /** Shown in docs and demos. */
  note?: string;
}

export const DEFAULT_REMOTE_SCRIPTS: readonly RemoteScript[] = [
  { endsWith: '0111', behaviour: { kind: 'busy' }, note: 'busy' },
  { endsWith: '0122', behaviour: { kind: 'no-answer' }, note: 'rings forever, no answer' },
  { endsWith: '0133', behaviour: { kind: 'answer', afterMs: 2_000, hangUpAfterMs: 5_000 }, note: 'answers, hangs up after 5 s' },
  { endsWith: '0199', behaviour: { kind: 'reject' }, note: 'rejects the call' },
];

export const DEFAULT_REMOTE_BEHAVIOUR: RemoteBehaviour = { kind: 'answer', afterMs: 2_000 };

const digitsOf = (n: string): string => n.replace(/\D/g, '');

export const behaviourFor = (
  number: string,
  scripts: readonly RemoteScript[],
  fallback: RemoteBehaviour,
): RemoteBehaviour => {
  const digits = digitsOf(number);
  return scripts.find((s) => digits.endsWith(s.endsWith))?.behaviour ?? fallback;
};
