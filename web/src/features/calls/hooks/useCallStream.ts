import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallView, ServerMessage } from '../call-types.js';

/**
 * The live calls of this user's device from `GET /api/ws` (API.md "Live events").
 * Snapshots carry an increasing `version`: an older one never overwrites a newer one,
 * and the full list sent on (re)connect repairs anything missed. With `online`, this
 * connection is the CTI client of R6.3: it says so on open and says goodbye on close.
 */
export interface CallStream {
  calls: CallView[];
  connected: boolean;
  providerUp: boolean;
  /** Called with each incoming (inbound/internal) call the first time it is seen ringing. */
  setOnRinging: (fn: ((call: CallView) => void) | null) => void;
  goOffline: () => void;
  /** Applies a snapshot returned by an HTTP command right away (the WebSocket will confirm). */
  apply: (call: CallView) => void;
}

const wsUrl = (): string => `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/ws`;

/** Merges one snapshot, keeping the newest version; drops calls that ended long ago. */
export const mergeCall = (calls: Map<string, CallView>, call: CallView): Map<string, CallView> => {
  const prev = calls.get(call.id);
  if (prev && prev.version > call.version) return calls;
  const next = new Map(calls);
  next.set(call.id, call);
  return next;
};

export const useCallStream = (online: boolean): CallStream => {
  const [calls, setCalls] = useState<Map<string, CallView>>(new Map());
  const [connected, setConnected] = useState(false);
  const [providerUp, setProviderUp] = useState(true);
  const onRinging = useRef<((call: CallView) => void) | null>(null);
  const seenRinging = useRef(new Set<string>());
  const socket = useRef<WebSocket | null>(null);
  const closing = useRef(false);

  const notifyRinging = (call: CallView): void => {
    if (call.state === 'alerting' && call.direction !== 'outbound' && !seenRinging.current.has(call.id)) {
      seenRinging.current.add(call.id);
      onRinging.current?.(call);
    }
  };

  useEffect(() => {
    closing.current = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = 500;

    const connect = (): void => {
      const ws = new WebSocket(wsUrl());
      socket.current = ws;
      ws.onopen = () => {
        delay = 500;
        setConnected(true);
        if (online) ws.send(JSON.stringify({ type: 'cti', online: true }));
      };
      ws.onmessage = (ev: MessageEvent<string>) => {
        const msg = JSON.parse(ev.data) as ServerMessage;
        if (msg.type === 'calls') {
          setCalls(new Map(msg.calls.map((c) => [c.id, c])));
          msg.calls.forEach(notifyRinging);
        } else if (msg.type === 'call') {
          setCalls((m) => mergeCall(m, msg.call));
          notifyRinging(msg.call);
        } else if (msg.type === 'provider') {
          setProviderUp(msg.status === 'up');
        }
      };
      ws.onclose = () => {
        setConnected(false);
        if (socket.current === ws) socket.current = null;
        if (!closing.current) {
          retry = setTimeout(connect, delay);
          delay = Math.min(delay * 2, 10_000);
        }
      };
    };
    connect();

    return () => {
      closing.current = true;
      if (retry) clearTimeout(retry);
      const ws = socket.current;
      if (ws && ws.readyState === WebSocket.OPEN && online) ws.send(JSON.stringify({ type: 'cti', online: false }));
      ws?.close();
    };
  }, [online]);

  const goOffline = useCallback(() => {
    const ws = socket.current;
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'cti', online: false }));
  }, []);

  const setOnRinging = useCallback((fn: ((call: CallView) => void) | null) => {
    onRinging.current = fn;
  }, []);

  const apply = useCallback((call: CallView) => setCalls((m) => mergeCall(m, call)), []);

  return { calls: [...calls.values()], connected, providerUp, setOnRinging, goOffline, apply };
};
