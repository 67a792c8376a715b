/**
 * The dialling-rules check (R3.4) as `GET /api/settings/dialling-check` returns it, and
 * its differences in plain words: "The phone system dials 0 for an outside line,
 * Switchboard 9". Pure, so the sentences are tested without a browser.
 */
import { format } from '../../i18n/i18n.js';
import type { Messages } from '../../i18n/en.js';

export interface LocationProblem {
  field: string;
  message: string;
}

export type DifferenceField = keyof Messages['diffPhrases'];

export interface LocationDifference {
  field: DifferenceField;
  areaCode?: string;
  ours: string | null;
  theirs: string | null;
}

export interface DiallingCheck {
  location: Record<string, unknown>;
  problems: LocationProblem[];
  provider: string;
  reported: Record<string, unknown> | null;
  differences: LocationDifference[] | null;
}

const phrase = (d: LocationDifference, value: string | null, messages: Messages): string =>
  value === null ? format(messages.diffNoRule, { area: d.areaCode ?? '' }) : format(messages.diffPhrases[d.field], { v: value, area: d.areaCode ?? '' });

/** "The phone system dials 0 for an outside line, Switchboard 9". */
export const differenceWords = (d: LocationDifference, messages: Messages): string =>
  format(messages.diffSentence, { theirs: phrase(d, d.theirs, messages), ours: d.ours ?? format(messages.diffNoRule, { area: d.areaCode ?? '' }) });
