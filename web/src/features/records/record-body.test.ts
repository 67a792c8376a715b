import { describe, expect, it } from 'vitest';
import { toBody } from './record-body.js';
import type { FieldDef } from './api/records-api.js';

const defs: FieldDef[] = [
  { name: 'name', caption: 'Company name', type: 'text', builtIn: true },
  { name: 'phones', caption: 'Phone numbers', type: 'phone-list', builtIn: true },
  { name: 'stage', caption: 'Stage', type: 'select', builtIn: true },
  { name: 'companyId', caption: 'Company', type: 'reference', builtIn: true },
  { name: 'corp_phonenumber', caption: 'Main contact direct line', type: 'phone', builtIn: false },
];

describe('a record form becomes the records API body', () => {
  it('puts custom columns under custom and built-in fields at the top (R5.2)', () => {
    const body = toBody(
      [{ name: 'name', type: 'text' }, { name: 'corp_phonenumber', type: 'phone' }],
      { name: 'Browne & Barrow Ltd', corp_phonenumber: '+1 212 736 4499' },
      defs,
    );
    expect(body).toEqual({ name: 'Browne & Barrow Ltd', custom: { corp_phonenumber: '+1 212 736 4499' } });
  });

  it('keeps phone numbers as typed, drops blank rows and the server-computed forms (R5.4)', () => {
    const phones = [
      { id: 3, kind: 'direct', value: '(212) 736-4440', e164: '+12127364440', canonical: '+1 (212) 7364440' },
      { kind: 'mobile', value: '  ' },
    ];
    expect(toBody([{ name: 'phones', type: 'phone-list' }], { phones }, defs)).toEqual({ phones: [{ kind: 'direct', value: '(212) 736-4440' }] });
  });

  it('sends an empty reference as null, leaves an empty select out, and numbers a picked reference', () => {
    const fields = [{ name: 'companyId', type: 'reference' as const }, { name: 'stage', type: 'select' as const }];
    expect(toBody(fields, { companyId: '', stage: '' }, defs)).toEqual({ companyId: null });
    expect(toBody(fields, { companyId: '7', stage: 'won' }, defs)).toEqual({ companyId: 7, stage: 'won' });
  });
});
