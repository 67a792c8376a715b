/**
 * A phone that transfers by REFER and hangs up (RFC 5589 §6.1) ends its dialog itself: the
 * server answers its BYE and never sends it one of its own afterwards (which used to go out
 * 5 s later, answered 481 by the phone). The only wait here is that 5 s fallback, measured.
 */
import { afterEach, expect, it } from 'vitest';
import type { SipRequest } from '../../src/telephony/sip/sip-message.js';
import { describeWith } from '../support/peers.js';
import { ToneWorld } from './support/tone-world.js';
import { play, startConversation } from './support/transfer-chain.js';

describeWith(['baresip'])('a phone that transferred by REFER and hung up (real phones)', () => {
  let w: ToneWorld | undefined;
  afterEach(async () => { await w?.close(); w = undefined; });

  it('is not sent a second BYE', async () => {
    w = await ToneWorld.start('udp');
    const stack = w.provider.stack;
    if (!stack) throw new Error('no stack');
    const byes: string[] = [];
    const send = stack.sendRequest.bind(stack);
    stack.sendRequest = ((req: SipRequest, ...rest: unknown[]) => {
      // the phone's Contact user is the device name with a suffix (baresip: 1001-0x55e0…)
      if (req.method === 'BYE') byes.push(/sips?:(\d+)/.exec(req.uri)?.[1] ?? req.uri);
      return (send as (...a: unknown[]) => ReturnType<typeof send>)(req, ...rest);
    }) as typeof stack.sendRequest;
    let c = await startConversation(w, 'incoming'); // caller ↔ 1001
    c = await play(w, c, { kind: 'refer', by: '1001', to: '1002' }); // returns once 1001's phone closed the call
    expect(c.parties).toEqual([c.parties[0], '1002']);
    await new Promise((r) => setTimeout(r, 6_000)); // past the server's 5 s fallback BYE
    // nobody else was hung up by the server in this call: any BYE to 1001 would be the second one
    expect(byes).not.toContain('1001');
  }, 60_000);
});
