/**
 * Generates the bundled music on hold: `moh.wav`, 8 kHz 16-bit mono, a gentle
 * arpeggio (C major, F major, G major, C major) of soft sine notes with short fades.
 * Run: npx tsx assets/moh/generate-moh.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeWavPcm16 } from '../../src/telephony/sip/g711.js';

const RATE = 8000;
const NOTE_S = 0.25;
const notes = [261.63, 329.63, 392.0, 523.25, 349.23, 440.0, 523.25, 698.46, 392.0, 493.88, 587.33, 783.99, 523.25, 392.0, 329.63, 261.63];
const per = Math.round(RATE * NOTE_S);
const out = new Int16Array(per * notes.length);
notes.forEach((f, n) => {
  for (let i = 0; i < per; i++) {
    const env = Math.min(1, i / 200, (per - i) / 400);
    const v = 6000 * env * (Math.sin((2 * Math.PI * f * i) / RATE) + 0.3 * Math.sin((4 * Math.PI * f * i) / RATE));
    out[n * per + i] = Math.round(v);
  }
});
const dir = path.dirname(fileURLToPath(import.meta.url));
writeFileSync(path.join(dir, 'moh.wav'), writeWavPcm16(out, RATE));
