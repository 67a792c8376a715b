import { describe, expect, it } from 'vitest';
import type { CallOutcome } from '../../../../src/domain/call.js';
import { DICTIONARIES } from '../../i18n/i18n.js';
import { OUTCOME_WORDS, groupConversations } from './conversations.js';

describe('the history groups a conversation\'s legs (issue 12)', () => {
  it('a consultation and the transfer it completes show inside the call they belong to; other calls stand alone', () => {
    const items = [
      { id: 4, startedAt: '2026-01-05T09:03:00Z', conversationId: 'c2' },
      { id: 3, startedAt: '2026-01-05T09:01:00Z', conversationId: 'c1' },
      { id: 2, startedAt: '2026-01-05T09:00:30Z', conversationId: 'c1' },
      { id: 1, startedAt: '2026-01-05T09:00:00Z', conversationId: 'c1' },
      { id: 0, startedAt: '2026-01-05T08:00:00Z', conversationId: null },
    ];
    expect(groupConversations(items).map((g) => [g.first.id, g.legs.map((l) => l.id)])).toEqual([[4, []], [1, [2, 3]], [0, []]]);
  });

  it('every outcome has its words in English and French, declined apart from missed', () => {
    const outcomes: Record<CallOutcome, true> = {
      answered: true, missed: true, declined: true, busy: true, 'no-answer': true, 'invalid-number': true,
      rejected: true, failed: true, transferred: true, abandoned: true, interrupted: true,
    };
    for (const o of Object.keys(outcomes)) {
      const key = OUTCOME_WORDS[o as CallOutcome];
      expect(DICTIONARIES.en[key], o).toBeTruthy();
      expect(DICTIONARIES.fr[key], o).toBeTruthy();
    }
    expect(DICTIONARIES.fr.outcomeDeclined).toBe('Refusé');
    expect(DICTIONARIES.en.outcomeDeclined).not.toBe(DICTIONARIES.en.outcomeMissed);
  });
});
