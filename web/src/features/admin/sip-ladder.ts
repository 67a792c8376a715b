/**
 * PURE: a traced call's SIP messages as a ladder diagram (issue 17), the way sngrep and
 * Homer draw them: one column per party — the first peer heard from, Switchboard, then
 * every other peer in the order they appear — and one arrow per message, in time order.
 */
export interface TracedMessage {
  seq: number;
  at: number;
  direction: 'in' | 'out';
  peer: string;
  peerUser?: string;
  callId: string;
  firstLine: string;
  text: string;
}

export interface LadderColumn {
  /** `switchboard`, or the peer's address. */
  key: string;
  /** The device or number when the messages name one, else the address. */
  label: string;
  address?: string;
}

export interface LadderRow {
  message: TracedMessage;
  from: number;
  to: number;
  /** Method or status, for the arrow: `INVITE`, `100 Trying`, `200 OK`. */
  label: string;
}

export const SWITCHBOARD = 'switchboard';

/** `INVITE sip:1002@… SIP/2.0` → `INVITE`; `SIP/2.0 200 OK` → `200 OK`. */
export const arrowLabel = (firstLine: string): string => {
  if (firstLine.startsWith('SIP/2.0 ')) return firstLine.slice(8);
  return firstLine.split(' ')[0] ?? firstLine;
};

export const ladderOf = (messages: readonly TracedMessage[], switchboardLabel: string): { columns: LadderColumn[]; rows: LadderRow[] } => {
  const ordered = [...messages].sort((a, b) => a.seq - b.seq);
  const peers: LadderColumn[] = [];
  for (const m of ordered) {
    const known = peers.find((p) => p.key === m.peer);
    if (!known) peers.push({ key: m.peer, label: m.peerUser ?? m.peer, address: m.peer });
    else if (known.label === known.address && m.peerUser !== undefined) known.label = m.peerUser;
  }
  const columns: LadderColumn[] = [...peers.slice(0, 1), { key: SWITCHBOARD, label: switchboardLabel }, ...peers.slice(1)];
  const index = (key: string): number => columns.findIndex((c) => c.key === key);
  const rows = ordered.map((m) => {
    const peer = index(m.peer);
    const us = index(SWITCHBOARD);
    return { message: m, from: m.direction === 'in' ? peer : us, to: m.direction === 'in' ? us : peer, label: arrowLabel(m.firstLine) };
  });
  return { columns, rows };
};
