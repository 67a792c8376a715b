import { describe, expect, it } from 'vitest';
import { labelFor, type LabelContext } from './call-labels.js';

const ctx = (over: Partial<LabelContext>): LabelContext => ({
  mine: 'connected', others: ['connected'], placed: true, answered: false, isConsultCall: false, internal: false, ...over,
});

describe('the words agents see (R6.10), English and French', () => {
  it.each([
    ['my connection initiated, far party ringing → Dialing', ctx({ mine: 'initiated', others: ['alerting'] }), 'Dialing', 'Emission en cours'],
    ['my phone answered first, far party not yet → Dialing', ctx({ mine: 'connected', others: ['alerting'] }), 'Dialing', 'Emission en cours'],
    ['my phone rings → Ringing', ctx({ mine: 'alerting', others: ['initiated'] }), 'Ringing', 'Appel'],
    ['queued at my device → Ringing', ctx({ mine: 'queued', others: ['initiated'] }), 'Ringing', 'Appel'],
    ['both connected → Connected', ctx({}), 'Connected', 'Connecté'],
    ['I answered before the caller\'s side reported connected → Connected, not Dialing', ctx({ placed: false, others: ['initiated'] }), 'Connected', 'Connecté'],
    ['the far party left a call I had answered → Connected until mine clears', ctx({ answered: true, others: [] }), 'Connected', 'Connecté'],
    ['I hold the call → On hold', ctx({ mine: 'hold' }), 'On hold', 'En attente'],
    ['I hold the call while the consulted party rings → On hold', ctx({ mine: 'hold', consultation: { answered: false } }), 'On hold', 'En attente'],
    ['I hold the call and the consulted party answered → Transfer', ctx({ mine: 'hold', consultation: { answered: true } }), 'Transfer', 'Transférer'],
    ['the other party holds me → Held', ctx({ others: ['hold'] }), 'Held', 'En suspens'],
    ['the consultation call while it rings → Consult', ctx({ mine: 'initiated', others: ['alerting'], isConsultCall: true }), 'Consult', 'Conseil'],
    ['the consultation call once answered → Consult', ctx({ isConsultCall: true }), 'Consult', 'Conseil'],
    ['far party busy → Busy, not Dialing', ctx({ mine: 'initiated', others: ['fail'], failureCause: 'busy' }), 'Busy', 'Occupé'],
    ['invalid number → Invalid number', ctx({ mine: 'initiated', others: ['fail'], failureCause: 'invalid-number' }), 'Invalid number', 'Numéro invalide'],
    ['a failure without a cause → Failed', ctx({ mine: 'initiated', others: ['fail'] }), 'Failed', 'Échec'],
    ['my connection cleared → Call ended', ctx({ mine: 'null', others: [] }), 'Call ended', 'Appel terminé'],
  ])('%s', (_name, c, en, fr) => {
    expect(labelFor(c)).toEqual({ en, fr });
  });

  it('says "internal" on a colleague\'s call (R6.6)', () => {
    expect(labelFor(ctx({ mine: 'alerting', others: ['initiated'], internal: true }))).toEqual({
      en: 'Ringing (internal)', fr: 'Appel (interne)',
    });
  });

  it('does not say "internal" on an ended call', () => {
    expect(labelFor(ctx({ mine: 'null', others: [], internal: true })).en).toBe('Call ended');
  });
});
