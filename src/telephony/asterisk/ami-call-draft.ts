/**
 * The working copy of one call while the pure mapper applies one AMI message to it
 * (ami-event-mapper.ts). It never escapes the mapper: `emit` is the one place a leg's
 * reported connection state changes, and what it reports is checked against `FROM`.
 */
import type { ConnectionState } from '../../domain/call.js';
import type { ProviderEvent, ProviderEventType } from '../provider.js';
import type { AmiMessage } from './ami-parser.js';
import type { AmiCall, AmiChannel, AmiMapperContext } from './ami-call-model.js';

/** Which moves the mapper reports; anything else is a duplicate or a stale event, dropped. */
export const FROM: Readonly<Record<ProviderEventType, readonly ConnectionState[]>> = {
  originated: ['null'],
  delivered: ['null', 'queued'],
  queued: ['null', 'initiated'],
  established: ['null', 'initiated', 'alerting', 'queued'],
  held: ['connected'],
  retrieved: ['hold'],
  transferred: ['connected', 'hold'],
  diverted: ['alerting', 'queued'],
  failed: ['null', 'initiated', 'alerting', 'queued', 'connected'],
  'connection-cleared': ['initiated', 'alerting', 'queued', 'connected', 'hold', 'fail'],
};

export const TO: Readonly<Record<ProviderEventType, ConnectionState>> = {
  originated: 'initiated', delivered: 'alerting', queued: 'queued', established: 'connected',
  held: 'hold', retrieved: 'connected', transferred: 'null', diverted: 'null', failed: 'fail',
  'connection-cleared': 'null',
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export abstract class CallDraftBase {
  protected call: Mutable<AmiCall> | undefined;
  protected readonly channels: Record<string, AmiChannel>;
  protected pending: ProviderEvent[];
  protected readonly events: ProviderEvent[] = [];
  protected changed = false;

  constructor(base: AmiCall | undefined, protected readonly m: AmiMessage, protected readonly at: number, protected readonly ctx: AmiMapperContext) {
    this.call = base ? { ...base } : undefined;
    this.channels = base ? { ...base.channels } : {};
    this.pending = base ? [...base.pending] : [];
  }

  protected all(): AmiChannel[] {
    return Object.values(this.channels);
  }

  protected channel(uniqueid: string | undefined): AmiChannel | undefined {
    return uniqueid === undefined ? undefined : this.channels[uniqueid];
  }

  protected put(c: AmiChannel): AmiChannel {
    this.channels[c.uniqueid] = c;
    this.changed = true;
    return c;
  }

  /** The one place a leg's reported state changes; a move not in `FROM` is not reported. */
  protected emit(c: AmiChannel, type: ProviderEventType, extra: Record<string, unknown>): void {
    if (c.role === 'local' || !FROM[type].includes(c.state) || !this.call) return;
    const state = TO[type];
    this.put({ ...c, state, everConnected: c.everConnected || state === 'connected' });
    const cleaned = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));
    const event = {
      type, callRef: c.consultRef ?? this.call.callRef, device: c.device, at: this.at,
      ...(c.role === 'remote' ? { remote: true } : {}), ...cleaned,
    } as ProviderEvent;
    if (c.role === 'remote' && !this.call.hasAgent) this.pending.push(event);
    else this.events.push(event);
  }

  /** The consulting agent's connection on the consultation call (its leg is the same channel). */
  protected emitConsult(agent: AmiChannel, type: ProviderEventType, extra: Record<string, unknown>): void {
    const consult = agent.consult;
    if (!consult || !FROM[type].includes(consult.state) || !this.call) return;
    this.put({ ...agent, consult: { ...consult, state: TO[type] } });
    const cleaned = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));
    this.events.push({ type, callRef: consult.ref, device: agent.device, at: this.at, ...cleaned } as ProviderEvent);
  }
}
