/**
 * Media that stops (issue 17): once a second, for every connected call that is not on
 * hold, whether each side of its relay still sends RTP. A side silent for `stallMs` is
 * reported once (a `warn` line naming its device and address) until its media comes back.
 */
import type { SipCall } from './b2bua-calls.js';
import { addressOf } from './sip-monitor.js';

export interface MediaStall {
  callRef: string;
  device: string;
  address: string;
  seconds: number;
}

interface SideState {
  count: number;
  since: number;
  reported: boolean;
}

export interface MediaWatchDeps {
  calls(): Iterable<SipCall>;
  stallMs: number;
  now?: () => number;
  onStall(s: MediaStall): void;
  /** The side's media came back after a reported stall. */
  onResumed?(s: { callRef: string; device: string }): void;
}

export class MediaWatch {
  private readonly sides = new Map<string, SideState>();
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(private readonly d: MediaWatchDeps) {
    this.now = d.now ?? Date.now;
  }

  start(everyMs = 1000): void {
    this.timer ??= setInterval(() => this.check(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sides.clear();
  }

  /** One round of checks (the timer's; tests call it too). */
  check(): void {
    const t = this.now();
    const live = new Set<string>();
    for (const call of this.d.calls()) {
      // Only a conversation can stall: two parties connected on their relay sides, nobody on
      // hold (music plays then). Each party owns its side: its packets are counted there.
      const talking = call.parties.filter((p) => p.state === 'connected' && p.anchor !== undefined);
      if (talking.length < 2 || talking.some((p) => p.anchor?.relay.isHeld(p.anchor.side) === true)) continue;
      const sides = talking.map((p) => ({
        key: `${call.ref}|${p.device}`,
        device: p.device,
        count: p.anchor?.relay.received[p.anchor.side] ?? 0,
        target: p.anchor?.relay.target(p.anchor.side),
      }));
      for (const side of sides) {
        live.add(side.key);
        const s = this.sides.get(side.key);
        if (!s) {
          this.sides.set(side.key, { count: side.count, since: t, reported: false });
          continue;
        }
        if (side.count !== s.count) {
          if (s.reported) this.d.onResumed?.({ callRef: call.ref, device: side.device });
          s.count = side.count;
          s.since = t;
          s.reported = false;
          continue;
        }
        if (!s.reported && t - s.since >= this.d.stallMs) {
          s.reported = true;
          this.d.onStall({ callRef: call.ref, device: side.device, address: side.target ? addressOf(side.target) : 'unknown', seconds: Math.round((t - s.since) / 1000) });
        }
      }
    }
    for (const key of this.sides.keys()) if (!live.has(key)) this.sides.delete(key);
  }
}
