/** Deterministic SIP message mutator for the fuzz suite (seeded PRNG: failures reproduce). */

export const prng = (seed: number): (() => number) => {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export const SEEDS = [
  'INVITE sip:bob@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bKfz1;rport\r\nMax-Forwards: 70\r\nFrom: "A, B" <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:bob@127.0.0.1>\r\nCall-ID: fz1@h\r\nCSeq: 1 INVITE\r\nContact: <sip:a@127.0.0.1:5999>\r\nContent-Type: application/sdp\r\nContent-Length: 57\r\n\r\nv=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n',
  'REGISTER sip:127.0.0.1 SIP/2.0\r\nv: SIP/2.0/UDP [::1]:5999;branch=z9hG4bKfz2\r\nf: <sip:1001@127.0.0.1>;tag=2\r\nt: <sip:1001@127.0.0.1>\r\ni: fz2\r\nCSeq: 7 REGISTER\r\nm: <sip:1001@127.0.0.1:5999>;expires=60, <sip:1001@[::1]:5999>\r\nAuthorization: Digest username="1001", realm="x", nonce="abc", uri="sip:127.0.0.1", response="00", qop=auth, nc=00000001, cnonce="c"\r\nl: 0\r\n\r\n',
  'SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKfz3\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>;tag=2\r\nCall-ID: fz3\r\nCSeq: 1 INVITE\r\nRecord-Route: <sip:p1;lr>, <sip:p2;lr>\r\nContent-Length: 0\r\n\r\n',
  'BYE sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bKfz4\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>;tag=2\r\nCall-ID: fz4\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n',
];

const TOKENS = ['\r\n', ',', ';', '"', '<', '>', ':', '@', '[', ']', '=', ' ', '\t', '\0', '\\', 'é', '%00', 'z9hG4bK', 'Content-Length: 99999', 'Via: ', 'CSeq: 4294967296 INVITE', 'tag='];

/** One mutated message: bit flips, truncation, token insertion, huge headers, bad Content-Length, random bytes. */
export const mutate = (rand: () => number): Buffer => {
  const seed = Buffer.from(SEEDS[Math.floor(rand() * SEEDS.length)] as string, 'utf8');
  const pick = Math.floor(rand() * 8);
  switch (pick) {
    case 0: { // bit flips
      const b = Buffer.from(seed);
      const n = 1 + Math.floor(rand() * 8);
      for (let i = 0; i < n; i++) {
        const at = Math.floor(rand() * b.length);
        b[at] = (b[at] as number) ^ (1 << Math.floor(rand() * 8));
      }
      return b;
    }
    case 1: // truncation
      return seed.subarray(0, Math.floor(rand() * seed.length));
    case 2: { // token insertion
      const s = seed.toString('latin1');
      let out = s;
      const n = 1 + Math.floor(rand() * 5);
      for (let i = 0; i < n; i++) {
        const at = Math.floor(rand() * out.length);
        out = out.slice(0, at) + (TOKENS[Math.floor(rand() * TOKENS.length)] as string) + out.slice(at);
      }
      return Buffer.from(out, 'latin1');
    }
    case 3: { // huge header or many headers
      const s = seed.toString('latin1');
      const at = s.indexOf('\r\n') + 2;
      const extra = rand() < 0.5
        ? `X-Huge: ${'A'.repeat(Math.floor(rand() * 70_000))}\r\n`
        : Array.from({ length: 50 + Math.floor(rand() * 200) }, (_, i) => `X-${i}: ${i}\r\n`).join('');
      return Buffer.from(s.slice(0, at) + extra + s.slice(at), 'latin1');
    }
    case 4: { // bad Content-Length
      const values = ['-1', '99999999999', 'abc', '', '1 1', '0x10', '4294967296', String(Math.floor(rand() * 500))];
      return Buffer.from(seed.toString('latin1').replace(/(Content-Length|l): \d+/, `$1: ${values[Math.floor(rand() * values.length)]}`), 'latin1');
    }
    case 5: { // random bytes
      const n = Math.floor(rand() * 2000);
      const b = Buffer.alloc(n);
      for (let i = 0; i < n; i++) b[i] = Math.floor(rand() * 256);
      return b;
    }
    case 6: { // nested commas / quotes / brackets in multi-value headers
      const deep = `${'<'.repeat(Math.floor(rand() * 300))}${'"'.repeat(Math.floor(rand() * 3))}${','.repeat(Math.floor(rand() * 500))}`;
      return Buffer.from(seed.toString('latin1').replace('Contact: ', `Contact: ${deep}`).replace('m: ', `m: ${deep}`), 'latin1');
    }
    default: { // line swap / duplication
      const lines = seed.toString('latin1').split('\r\n');
      const a = Math.floor(rand() * lines.length);
      const b = Math.floor(rand() * lines.length);
      if (rand() < 0.5) [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
      else lines.splice(a, 0, lines[b] as string);
      return Buffer.from(lines.join('\r\n'), 'latin1');
    }
  }
};
