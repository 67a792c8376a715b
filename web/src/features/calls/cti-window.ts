/**
 * The CTI call screen is a named pop-up window (R6.3). The main window and the pop-up
 * talk over a BroadcastChannel: the main window asks whether the pop-up is online
 * (its WebSocket told the server `cti online`) before it dials, so a click-to-dial
 * right after opening the pop-up is not lost.
 */
export const CTI_WINDOW_NAME = 'switchboard-cti';
const CHANNEL = 'switchboard-cti';

type ChannelMessage = { type: 'ping' } | { type: 'online' } | { type: 'offline' } | { type: 'open-record'; hash: string };

export const openChannel = (): BroadcastChannel => new BroadcastChannel(CHANNEL);

export const post = (ch: BroadcastChannel, msg: ChannelMessage): void => ch.postMessage(msg);

export const onMessage = (ch: BroadcastChannel, fn: (msg: ChannelMessage) => void): void => {
  ch.onmessage = (ev: MessageEvent<ChannelMessage>) => fn(ev.data);
};

/** Opens (or raises) the pop-up. Call it synchronously from the click, for popup blockers. */
export const openCallScreen = (): Window | null => {
  const url = `${window.location.pathname}${window.location.search}#/cti`;
  const w = window.open(url, CTI_WINDOW_NAME, 'popup,width=460,height=720');
  w?.focus();
  return w;
};

/** Resolves true once the pop-up reports CTI online, false after `timeoutMs`. */
export const waitForCallScreen = (timeoutMs = 5000): Promise<boolean> =>
  new Promise((resolve) => {
    const ch = openChannel();
    const done = (ok: boolean): void => {
      clearInterval(ping);
      clearTimeout(timer);
      ch.close();
      resolve(ok);
    };
    onMessage(ch, (msg) => {
      if (msg.type === 'online') done(true);
    });
    const ping = setInterval(() => post(ch, { type: 'ping' }), 100);
    post(ch, { type: 'ping' });
    const timer = setTimeout(() => done(false), timeoutMs);
  });
