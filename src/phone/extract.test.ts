import { describe, expect, it } from 'vitest';
import { extractNumber } from './extract.js';

describe('extractNumber: from typed text or a caller ID to digits', () => {
  it.each([
    ['+44 (0)20 7555 0123', { plus: true, digits: '442075550123' }],
    ['tel:+1-212-736-4440;ext=12', { plus: true, digits: '12127364440', extension: '12' }],
    ['sip:+442075550123@pbx.example.com;user=phone', { plus: true, digits: '442075550123' }],
    ['sips:02075550123@pbx.example.com:5061', { plus: false, digits: '02075550123' }],
    ['"Ann O\'Neil" <sip:+33142685300@10.0.0.1>;tag=abc', { plus: true, digits: '33142685300' }],
    ['sip:%2B4932221234@gw', { plus: true, digits: '4932221234' }],
    ['555-0100 x 12', { plus: false, digits: '5550100', extension: '12' }],
    ['+1 212 736 4440 ext. 7', { plus: true, digits: '12127364440', extension: '7' }],
    ['0211 12345-0', { digits: '0211123450', blockStem: '021112345' }],
    ['0211/12345/0', { digits: '0211123450', blockStem: '021112345' }],
    ['+1 212 555 01xx', { digits: '121255501', blockStem: '121255501' }],
    ['0211 12345...', { digits: '021112345', blockStem: '021112345' }],
    ['*72#', { starHash: true, digits: '72' }],
  ])('reads %j', (raw, expected) => {
    expect(extractNumber(raw)).toMatchObject({ ok: true, value: expected });
  });

  it.each([
    ['anonymous', 'withheld'],
    ['ANONYMOUS', 'withheld'],
    ['Private', 'withheld'],
    ['P', 'withheld'],
    ['<sip:anonymous@anonymous.invalid>', 'withheld'],
    ['sip:@anonymous.invalid', 'withheld'],
    ['tel:', 'empty'],
    ['\t \n', 'empty'],
    ['+44 20 7555 0123 (office)', 'not-a-number'],
    ['1-800-FLOWERS', 'not-a-number'],
    ['12+34', 'not-a-number'],
    ['١٢٣٤٥٦٧', 'not-a-number'],
  ])('refuses %j: %s', (raw, reason) => {
    expect(extractNumber(raw)).toEqual({ ok: false, reason });
  });

  it('bounds the work: longer than the limit is too long', () => {
    expect(extractNumber('1'.repeat(65))).toEqual({ ok: false, reason: 'too-long' });
    expect(extractNumber('1'.repeat(65), 100)).toMatchObject({ ok: true });
  });

  it('refuses non-strings from untyped callers', () => {
    expect(extractNumber(42)).toEqual({ ok: false, reason: 'not-a-number' });
    expect(extractNumber(null)).toEqual({ ok: false, reason: 'not-a-number' });
  });
});
