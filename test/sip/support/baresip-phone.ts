/**
 * A real SIP phone for the tests: baresip in its own config directory, driven over its
 * ctrl_tcp port (netstring-framed JSON commands and events), recording each call's
 * decoded audio with sndfile.so, and stopped by PID.
 */
import net from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { freePort, startProcess, stop } from './peers.js';
import { releaseRtpRange, reserveRtpRange } from './rtp-ranges.js';
import { loudness, readWavPcm16, writeWavPcm16 } from '../../../src/telephony/sip/g711.js';

export interface BaresipEvent {
  type?: string;
  class?: string;
  param?: string;
  peeruri?: string;
  id?: string;
  [k: string]: unknown;
}

export interface PhoneOptions {
  user: string;
  password?: string;
  /** Registrar (our server) port; without it the phone does not register. */
  registrar?: number;
  answermode: 'manual' | 'auto';
  /** Fixed SIP port (the trunk's phone must send from the configured trunk port). */
  sipPort?: number;
  /** More user names this phone answers to (accounts without registration). */
  aliases?: string[];
  /** Play a tone as the microphone (1 kHz, or this frequency). */
  tone?: boolean;
  toneHz?: number;
  /** How it reaches the registrar (default UDP). */
  transport?: 'udp' | 'tcp';
}

const reserved = new Set<number>();

const isFree = (port: number): Promise<boolean> => new Promise((resolve) => {
  const srv = net.createServer();
  srv.once('error', () => resolve(false));
  srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
});

/**
 * `span` consecutive ports free now and not handed out before in this process: baresip
 * also listens for TLS on its SIP port + 1 (PEERS.md), and successive bind(0) calls often
 * return neighbouring ports, so a plain free port regularly collided with the next one.
 */
export const reservePorts = async (span = 2): Promise<number> => {
  for (;;) {
    const p = await freePort();
    const range = Array.from({ length: span }, (_, i) => p + i);
    if (range.some((x) => reserved.has(x) || reserved.has(x - 1))) continue;
    if (!(await Promise.all(range.slice(1).map(isFree))).every(Boolean)) continue;
    for (const x of range) reserved.add(x);
    return p;
  }
};


/** An 8 kHz mono tone file (1 kHz, 10 s) for `audio_source aufile`. */
/**
 * How long the phones' microphone files last. baresip's aufile source does not loop: at the
 * end of the file it raises AUDIO_ERROR ("end of file"), stops the call's audio both ways
 * (the decoder then drops what arrives, "Connection timed out") and hangs up. With 10 s
 * files a call that outlived them on a busy machine heard nothing: the "caller hears music"
 * test failed 1 in 3 that way. Every file lasts longer than any test's call.
 */
const MIC_SECONDS = 300;

export const toneFile = (dir: string, hz = 1000): string => {
  const f = path.join(dir, 'tone8k.wav');
  // a whole number of periods per second, so the file has no click
  const s = new Int16Array(8000 * MIC_SECONDS).map((_, i) => Math.round(9000 * Math.sin((2 * Math.PI * hz * i) / 8000)));
  writeFileSync(f, writeWavPcm16(s, 8000));
  return f;
};

/** 10 s of silence, for phones whose microphone must stay quiet. */
export const silenceFile = (dir: string): string => {
  const f = path.join(dir, 'silence8k.wav');
  writeFileSync(f, writeWavPcm16(new Int16Array(8000 * MIC_SECONDS), 8000));
  return f;
};

export class BaresipPhone {
  readonly events: BaresipEvent[] = [];
  log = '';
  private waiters: Array<{ pred: (e: BaresipEvent) => boolean; resolve: (e: BaresipEvent) => void }> = [];
  private sock: net.Socket | undefined;
  private buf = Buffer.alloc(0);
  private token = 0;
  private replies = new Map<string, (ok: boolean) => void>();

  private constructor(readonly user: string, readonly dir: string, readonly sipPort: number, private readonly proc: ChildProcess, readonly ctrlPort: number, private readonly rtpBase: number) {}

  static async start(o: PhoneOptions): Promise<BaresipPhone> {
    const dir = mkdtempSync(path.join(tmpdir(), `baresip-${o.user.replace(/\W/g, '')}-`));
    const sipPort = o.sipPort ?? (await reservePorts(2));
    const ctrl = await reservePorts(1);
    const rtp = await reserveRtpRange(20);
    const lines = [
      'module_path /usr/lib/baresip/modules', `sip_listen 127.0.0.1:${sipPort}`, 'net_interface 127.0.0.1', 'dns_server 127.0.0.1:53',
      'audio_player alsa,null', o.tone || o.toneHz !== undefined ? `audio_source aufile,${toneFile(dir, o.toneHz)}` : `audio_source aufile,${silenceFile(dir)}`, `rtp_ports ${rtp}-${rtp + 19}`,
      'module g711.so', 'module alsa.so', 'module aufile.so', 'module sndfile.so', `snd_path ${dir}`,
      'module_app account.so', 'module_app menu.so', 'module_app ctrl_tcp.so', `ctrl_tcp_listen 127.0.0.1:${ctrl}`, 'audio_buffer 20-160', '',
    ];
    writeFileSync(path.join(dir, 'config'), lines.join('\n'));
    const reg = o.registrar !== undefined ? `;auth_pass=${o.password ?? ''};regint=600` : ';regint=0';
    const host = (o.registrar !== undefined ? `127.0.0.1:${o.registrar}` : `127.0.0.1:${sipPort}`) + (o.transport === 'tcp' ? ';transport=tcp' : '');
    const users = [o.user, ...(o.aliases ?? [])];
    writeFileSync(path.join(dir, 'accounts'), users.map((u, i) => `<sip:${u}@${host}>${i === 0 ? reg : ';regint=0'};answermode=${o.answermode};audio_codecs=PCMU,PCMA\n`).join(''));
    const proc = startProcess('baresip', ['-f', dir]);
    const phone = new BaresipPhone(o.user, dir, sipPort, proc, ctrl, rtp);
    // drain the output (a full pipe would stall the phone) and keep the tail for diagnosis
    const keep = (d: Buffer): void => { phone.log = (phone.log + d.toString()).slice(-20_000); };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    try {
      await phone.connect();
    } catch (e) {
      await stop(proc); // never leave a phone behind
      throw e;
    }
    return phone;
  }

  private async connect(): Promise<void> {
    // a loaded machine may take seconds to start a phone
    for (let i = 0; i < 300 && this.proc.exitCode === null; i++) {
      const ok = await new Promise<boolean>((resolve) => {
        const s = net.connect(this.ctrlPort, '127.0.0.1');
        s.once('connect', () => { this.sock = s; resolve(true); });
        s.once('error', () => resolve(false));
      });
      if (ok) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const s = this.sock;
    if (!s) throw new Error(`baresip ${this.user}: no control port (exit ${String(this.proc.exitCode)}): ${this.log.slice(-600)}`);
    s.on('data', (d: Buffer) => this.onData(d));
    s.on('error', () => undefined);
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const colon = this.buf.indexOf(':');
      if (colon < 0) return;
      const len = Number(this.buf.subarray(0, colon).toString());
      if (this.buf.length < colon + 1 + len + 1) return;
      const body = this.buf.subarray(colon + 1, colon + 1 + len).toString();
      this.buf = this.buf.subarray(colon + 2 + len);
      let msg: BaresipEvent & { response?: boolean; ok?: boolean; token?: string; event?: boolean };
      try {
        msg = JSON.parse(body) as typeof msg;
      } catch {
        continue;
      }
      if (msg.response && msg.token) this.replies.get(msg.token)?.(msg.ok === true);
      if (msg.event) {
        this.events.push(msg);
        for (const l of this.listeners) l(msg);
        for (const w of [...this.waiters]) if (w.pred(msg)) { this.waiters = this.waiters.filter((x) => x !== w); w.resolve(msg); }
      }
    }
  }

  command(command: string, params = ''): Promise<boolean> {
    const token = `t${++this.token}`;
    const json = JSON.stringify({ command, params, token });
    this.sock?.write(`${Buffer.byteLength(json)}:${json},`);
    return new Promise((resolve) => {
      this.replies.set(token, resolve);
      setTimeout(() => resolve(false), 5000).unref();
    });
  }

  /** Calls `fn` for every event from now on. */
  onEvent(fn: (e: BaresipEvent) => void): void {
    this.listeners.push(fn);
  }

  private readonly listeners: Array<(e: BaresipEvent) => void> = [];

  /** The first event (already seen or coming) of `type`, seen after index `from`. */
  waitEvent(type: string, from = 0, ms = 10_000): Promise<BaresipEvent> {
    const seen = this.events.slice(from).find((e) => e.type === type);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`${this.user}: no ${type}; saw ${this.events.map((e) => e.type).join(',')}`)), ms);
      this.waiters.push({ pred: (e) => e.type === type, resolve: (e) => { clearTimeout(t); resolve(e); } });
    });
  }

  /** How loud the audio this phone received was, over every recording so far (decoded side). */
  heard(): { rms: number; nonSilentRatio: number; seconds: number } {
    const files = readdirSync(this.dir).filter((f) => f.endsWith('-dec.wav'));
    const all: number[] = [];
    for (const f of files) {
      try {
        // baresip may not have closed the last recording yet on a loaded machine: read what is written
        const { samples } = readWavPcm16(readFileSync(path.join(this.dir, f)), { unfinished: true });
        all.push(...samples);
      } catch {
        // a recording whose header is not written yet
      }
    }
    const s = Int16Array.from(all);
    return { ...loudness(s, 8000), seconds: s.length / 8000 };
  }

  /** Seconds of loud audio heard so far, over every recording. */
  loudSeconds(): number {
    const h = this.heard();
    return h.nonSilentRatio * h.seconds;
  }

  /**
   * Waits until this phone has heard `seconds` of loud audio (recordings read as they
   * grow), up to `ms`; returns what it heard. On a busy machine media starts late and the
   * recording grows slowly: the test waits for the audio itself, not for a fixed time.
   */
  async waitToHear(seconds: number, ms = 30_000): Promise<number> {
    const deadline = Date.now() + ms;
    for (;;) {
      const loud = this.loudSeconds();
      if (loud >= seconds || Date.now() >= deadline) return loud;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** How far each recording of received audio has got: a mark to read what comes after. */
  mark(): Map<string, number> {
    const m = new Map<string, number>();
    for (const [f, n] of this.recordings()) m.set(f, n.length);
    return m;
  }

  /** The received audio recorded since `mark` (every recording, new ones whole). */
  heardSince(mark: Map<string, number>): Int16Array {
    const parts = [...this.recordings()].map(([f, s]) => s.subarray(Math.min(mark.get(f) ?? 0, s.length)));
    return Int16Array.from(parts.flatMap((p) => Array.from(p)));
  }

  private recordings(): Map<string, Int16Array> {
    const out = new Map<string, Int16Array>();
    for (const f of readdirSync(this.dir).filter((x) => x.endsWith('-dec.wav')).sort()) {
      try {
        out.set(f, readWavPcm16(readFileSync(path.join(this.dir, f)), { unfinished: true }).samples);
      } catch {
        // a recording whose header is not written yet
      }
    }
    return out;
  }

  /** What this phone did and recorded, for a failure message. */
  diagnosis(): string {
    const files = readdirSync(this.dir).filter((f) => f.endsWith('.wav')).map((f) => `${f}:${readFileSync(path.join(this.dir, f)).length}`);
    return `${this.user}: events ${this.events.map((e) => e.type).join(',')}; files ${files.join(' ')}; log …${this.log.slice(-1500)}`;
  }

  async close(): Promise<void> {
    this.sock?.destroy();
    await stop(this.proc);
    releaseRtpRange(this.rtpBase);
  }
}
