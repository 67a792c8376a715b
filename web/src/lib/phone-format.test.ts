import { describe, expect, it } from 'vitest';
import { formatPhone, isWithheld } from './phone-format.js';

describe('formatPhone: numbers as their country writes them (issue 12 §3, R5.4)', () => {
  it.each([
    // A number of the system's own country: its national format.
    ['1 212 736-4440', 'US', '(212) 736-4440'],
    ['+1 (212) 7364440', 'US', '(212) 736-4440'],
    ['212.555.0136', 'US', '(212) 555-0136'],
    ['tel:+1-212-736-4440', 'US', '(212) 736-4440'],
    ['+44 (0)20 7946 0958', 'GB', '020 7946 0958'],
    ['040/50372104', 'DE', '040 50372104'],
    // Another country's: the international format.
    ['+1 (212) 7364440', 'GB', '+1 212 736 4440'],
    ['0044 (0)20-7946 0958', 'US', '+44 20 7946 0958'],
    ['011 44 161 496 0000', 'FR', '+44 161 496 0000'],
    ['+33199000123', 'US', '+33 1 99 00 01 23'],
    ['sip:+442079460958@trunk.example;user=phone', 'US', '+44 20 7946 0958'],
  ])('%j in %s is %j', (value, home, shown) => {
    expect(formatPhone(value, home)).toBe(shown);
  });

  it('always writes the country code in the call screen\'s style (R6.4)', () => {
    expect(formatPhone('1 212 736-4440', 'US', 'international')).toBe('+1 212 736 4440');
    expect(formatPhone('020 7946 0958', 'GB', 'international')).toBe('+44 20 7946 0958');
  });

  it('keeps an extension, after the number', () => {
    expect(formatPhone('(212) 736-4440 x123', 'US')).toBe('(212) 736-4440 ext. 123');
    expect(formatPhone('tel:+1-212-736-4440;ext=12', 'GB')).toBe('+1 212 736 4440 ext. 12');
  });

  it('shows as typed what is no number it can read: number blocks, text, extensions', () => {
    expect(formatPhone('0211 12345-0', 'DE')).toBe('0211 12345-0');
    expect(formatPhone('+1 212 555 01xx', 'US')).toBe('+1 212 555 01xx');
    expect(formatPhone('ask reception', 'US')).toBe('ask reception');
    expect(formatPhone('1001', 'US')).toBe('1001');
    expect(formatPhone('', 'US')).toBe('');
  });

  it('never shows the canonical dial form it was given', () => {
    for (const home of ['US', 'GB', 'FR', 'DE', undefined]) expect(formatPhone('+1 (212) 7364440', home)).not.toContain('7364440');
  });
});

describe('isWithheld: a caller ID that is no number (issue 12 §3)', () => {
  it.each(['', 'anonymous', 'Anonymous', 'unknown', 'Restricted', '<unknown>', 'sip:anonymous@anonymous.invalid', '"Anonymous" <sip:anonymous@anonymous.invalid>'.replace(/^"Anonymous" /, '')])(
    '%j is withheld', (v) => expect(isWithheld(v)).toBe(true));
  it.each(['+12127364440', '1001', 'sip:+442079460958@trunk.example'])('%j is not', (v) => expect(isWithheld(v)).toBe(false));
});
