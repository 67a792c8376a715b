/**
 * Which tone a recording holds: each phone plays its own frequency as its microphone, and
 * the Goertzel algorithm (one DFT bin per candidate) on 100 ms blocks of what another phone
 * recorded says whose voice it heard, or music (loud, no candidate tone dominant), or silence.
 */
const RATE = 8000;
const BLOCK = 800;

/** Power of `hz` in `s` (Goertzel, normalised by the block's length). */
export const goertzel = (s: Int16Array, hz: number): number => {
  const k = 2 * Math.cos((2 * Math.PI * hz) / RATE);
  let a = 0;
  let b = 0;
  for (const x of s) {
    const c = x + k * a - b;
    b = a;
    a = c;
  }
  return (a * a + b * b - k * a * b) / (s.length * s.length);
};

const energy = (s: Int16Array): number => s.reduce((acc, x) => acc + x * x, 0) / s.length;

export type Heard = string | 'music' | 'silence';

/**
 * What one 100 ms block is: the candidate whose tone carries most of the block's energy
 * (a pure tone of amplitude A has energy A²/2 and Goertzel power A²/4), else music when
 * loud, else silence.
 */
export const classify = (block: Int16Array, tones: Readonly<Record<string, number>>): Heard => {
  const e = energy(block);
  if (e < 300 * 300) return 'silence';
  let best: string | undefined;
  let bestShare = 0;
  for (const [name, hz] of Object.entries(tones)) {
    const share = (2 * goertzel(block, hz)) / e;
    if (share > bestShare) [best, bestShare] = [name, share];
  }
  return best !== undefined && bestShare > 0.5 ? best : 'music';
};

/** The blocks of `samples` classified, in order. */
export const blocksOf = (samples: Int16Array, tones: Readonly<Record<string, number>>): Heard[] => {
  const out: Heard[] = [];
  for (let i = 0; i + BLOCK <= samples.length; i += BLOCK) out.push(classify(samples.subarray(i, i + BLOCK), tones));
  return out;
};

/** The last `n` blocks are all `what`. */
export const endsWith = (blocks: readonly Heard[], what: Heard, n: number): boolean =>
  blocks.length >= n && blocks.slice(-n).every((b) => b === what);
