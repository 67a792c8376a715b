import { describe, expect, it } from 'vitest';
import { mergeCall } from './useCallStream.js';
import type { CallView } from '../call-types.js';

const snap = (version: number, state: CallView['state']): CallView => ({
  id: 'c1', version, device: '1001', direction: 'inbound',
  number: { raw: '2127364440', e164: '+12127364440', canonical: '+1 (212) 7364440', dialable: '92127364440' },
  matches: [], internal: false, state, label: { en: state, fr: state }, connections: [], startedAt: '2026-01-01T00:00:00Z',
});

describe('live call snapshots (versioned, API.md)', () => {
  it('keeps the newest version when an older snapshot arrives late', () => {
    const m = mergeCall(mergeCall(new Map(), snap(3, 'connected')), snap(2, 'alerting'));
    expect(m.get('c1')?.state).toBe('connected');
  });

  it('replaces a call with a newer snapshot', () => {
    const m = mergeCall(mergeCall(new Map(), snap(1, 'alerting')), snap(2, 'connected'));
    expect(m.get('c1')?.version).toBe(2);
  });
});
