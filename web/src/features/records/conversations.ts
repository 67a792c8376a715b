/**
 * A contact's history groups the legs of one conversation (issue 12): a call, its
 * consultation and the transfer it completes share a conversation id; they show as one
 * conversation, its first leg first, the others inside it. Pure, for the ActivityHistory.
 */
export interface Leg {
  id: number;
  startedAt: string;
  conversationId?: string | null;
}

export interface ConversationGroup<T extends Leg> {
  first: T;
  /** The other legs, oldest first. */
  legs: T[];
}

/** Groups newest-first items by conversation; groups keep the order of their newest leg. */
export function groupConversations<T extends Leg>(items: readonly T[]): Array<ConversationGroup<T>> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = item.conversationId ?? `#${item.id}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()].map((all) => {
    const sorted = [...all].sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id - b.id);
    return { first: sorted[0] as T, legs: sorted.slice(1) };
  });
}

/** The i18n key of an outcome's words (the server's outcome codes, domain/call.ts). */
export const OUTCOME_WORDS = {
  answered: 'outcomeAnswered',
  missed: 'outcomeMissed',
  declined: 'outcomeDeclined',
  busy: 'outcomeBusy',
  'no-answer': 'outcomeNoAnswer',
  'invalid-number': 'outcomeInvalidNumber',
  rejected: 'outcomeRejected',
  failed: 'outcomeFailed',
  transferred: 'outcomeTransferred',
  abandoned: 'outcomeAbandoned',
  interrupted: 'outcomeInterrupted',
} as const;

export const outcomeKey = (outcome: string | null): (typeof OUTCOME_WORDS)[keyof typeof OUTCOME_WORDS] | null =>
  outcome !== null && outcome in OUTCOME_WORDS ? OUTCOME_WORDS[outcome as keyof typeof OUTCOME_WORDS] : null;
