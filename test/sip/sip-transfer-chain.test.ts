/**
 * Transfers in any order keep the audio (issue 17, R6.9): random chains of CRM blind
 * transfers, phones' own REFERs, consultations, completes, reconnects, holds and retrieves
 * over four real baresip phones, each playing its own tone; after every step each phone's
 * recording must hold the tone of the phone it now talks to (a held party music, the
 * holder silence). Seeded, a handful of steps per chain, over UDP and over TCP.
 */
import { afterEach, it } from 'vitest';
import { describeWith } from '../support/peers.js';
import { ToneWorld } from './support/tone-world.js';
import { checkAudio, describeStep, play, START, startConversation, stepsFrom, type Conversation } from './support/transfer-chain.js';
import { prng } from './support/fuzz.js';

const STEPS = 6;

describeWith(['baresip'])('transfers in any order keep the audio (real phones, tones measured)', () => {
  let w: ToneWorld | undefined;
  afterEach(async () => { await w?.close(); w = undefined; });

  const chain = async (transport: 'udp' | 'tcp', seed: number): Promise<void> => {
    w = await ToneWorld.start(transport);
    const random = prng(seed);
    const done: string[] = [];
    let c: Conversation = await startConversation(w, START[Math.floor(random() * START.length)] ?? 'incoming');
    done.push(`start ${c.parties.join('↔')}`);
    try {
      await checkAudio(w, c);
      for (let i = 0; i < STEPS; i++) {
        const options = stepsFrom(c);
        const step = options[Math.floor(random() * options.length)];
        if (!step) break;
        done.push(describeStep(step));
        c = await play(w, c, step);
        await checkAudio(w, c);
      }
    } catch (e) {
      throw new Error(`seed ${seed} over ${transport}, after: ${done.join(', ')}: ${(e as Error).message}`, { cause: e });
    }
  };

  for (const transport of ['udp', 'tcp'] as const) {
    for (const seed of [17, 4916]) {
      it(`seed ${seed} over ${transport}: every phone hears whom it talks to after each step`, () => chain(transport, seed), 180_000);
    }
  }

  it('CRM blind transfer, then the remaining phone REFERs: both phones hear each other', async () => {
    w = await ToneWorld.start('udp');
    // 1001 dials 1002 (1002 on the relay's far side); 1001 transfers to 1003 from the page;
    // then 1002, the remaining phone, transfers to 1001 by REFER.
    let c = await startConversation(w, 'dial-colleague');
    c = await play(w, c, { kind: 'transfer', by: '1001', to: '1003' });
    await checkAudio(w, c);
    await play(w, c, { kind: 'refer', by: '1002', to: '1001' });
    await Promise.all([w.hears('1001', '1003'), w.hears('1003', '1001')]);
  }, 120_000);
});
