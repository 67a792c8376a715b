/**
 * The pop of an incoming call whose number matches no record shows the caller's name as the
 * phone network sent it (issue 12 §5, R6.6), in English and French, escaped like any text.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../../../../src/domain/call.js';
import { I18nContext, makeTranslate, DICTIONARIES, type Locale } from '../../../i18n/i18n.js';
import { ActiveCall } from './ActiveCall.js';

const ringing = (over: Partial<CallSnapshot> = {}): CallSnapshot => ({
  id: 'c1', version: 2, device: 'PJSIP/6001', direction: 'inbound',
  number: { raw: '02075550199', e164: '+442075550199', canonical: '+44 20 7555 0199', dialable: '02075550199' },
  matches: [], internal: false, state: 'alerting', label: { en: 'Ringing', fr: 'Appel' }, connections: [],
  startedAt: '2026-11-26T04:40:05.000Z', actions: ['hangup'], ...over,
});

const render = (call: CallSnapshot, locale: Locale): string => renderToStaticMarkup(
  <I18nContext.Provider value={{ locale, t: makeTranslate(locale), messages: DICTIONARIES[locale], setLocale: () => undefined }}>
    <ActiveCall call={call} calls={[call]} callScreen="new-case" target="" onCommand={() => undefined} onOpen={() => undefined} />
  </I18nContext.Provider>,
);

describe('ActiveCall: the caller name when no record matches', () => {
  it('shows the name with its caption, in English and in French', () => {
    const call = ringing({ callerName: 'Zoë Dupré' });
    expect(render(call, 'en')).toContain('<strong class="caller-name" data-testid="caller-name">Zoë Dupré</strong> · name sent by the phone network; no record matches');
    expect(render(call, 'fr')).toContain('Zoë Dupré</strong> · nom transmis par le réseau téléphonique ; aucune fiche ne correspond');
    expect(render(call, 'en')).not.toContain('Unknown caller');
  });

  it('says "Unknown caller" when the network sent no name', () => {
    expect(render(ringing(), 'en')).toContain('Unknown caller');
    expect(render(ringing(), 'fr')).toContain('Appelant inconnu');
  });

  it('escapes the name: it comes from the network', () => {
    expect(render(ringing({ callerName: '<img src=x onerror=alert(1)>' }), 'en')).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('shows the matched record, not the network name, when a record matches', () => {
    const html = render(ringing({ callerName: 'ACME SUPPLIES', matches: [{ type: 'person', id: 10, name: 'Sam Carter', phone: '+44 20 7555 0123', reason: 'exact' }] }), 'en');
    expect(html).toContain('Sam Carter');
    expect(html).not.toContain('caller-name');
  });
});
