/**
 * Builders of the AMI actions the connector sends, exactly as the fixtures' README shows they
 * work on Asterisk 22.10.1 ("Action sequences that worked"). Pure: values in, an action out;
 * `serializeAction` writes the wire form with the connection's ActionID.
 *
 * Asterisk has no AMI action to hold or answer a call; hold is a dual Redirect into a hold
 * context and retrieve a Bridge of the same two legs (S07b), attended transfer is Atxfer
 * completed by hanging up the agent's leg (S09) or cancelled with CancelAtxfer.
 */

export interface AmiAction {
  readonly action: string;
  /** Ordered `Key: Value` pairs, `Variable` may repeat. Values never contain CR/LF. */
  readonly fields: ReadonlyArray<readonly [string, string]>;
}

const clean = (value: string): string => value.replace(/[\r\n]/g, '');

/** Wire form: `Action:` first, then the fields, then `ActionID:`, closed by an empty line. */
export const serializeAction = (action: AmiAction, actionId: string): string => {
  let out = `Action: ${clean(action.action)}\r\n`;
  for (const [key, value] of action.fields) out += `${clean(key)}: ${clean(value)}\r\n`;
  return `${out}ActionID: ${clean(actionId)}\r\n\r\n`;
};

const act = (action: string, ...fields: Array<readonly [string, string]>): AmiAction => ({ action, fields });

export const loginAction = (username: string, secret: string): AmiAction =>
  act('Login', ['Username', username], ['Secret', secret], ['Events', 'on']);

export const logoffAction = (): AmiAction => act('Logoff');

export const pingAction = (): AmiAction => act('Ping');

export interface OriginateRequest {
  /** The agent's device, e.g. `PJSIP/6001`: Asterisk rings it first. */
  device: string;
  /** The dialable number from the dialling rules. */
  number: string;
  context: string;
  timeoutMs: number;
  /** Tags the call; it comes back as `VarSet CTI_REQUEST_ID` on the agent's leg (S01). */
  requestId: string;
  /** What the agent's own phone shows while it is rung, e.g. `"Alice" <6001>`. */
  callerId?: string;
}

/** Click-to-dial (S01): rings the agent's device, then runs `number` in `context`. */
export const originateAction = (r: OriginateRequest): AmiAction => act('Originate',
  ['Channel', r.device],
  ['Context', r.context],
  ['Exten', r.number],
  ['Priority', '1'],
  ...(r.callerId ? [['CallerID', r.callerId] as const] : []),
  ['Timeout', String(r.timeoutMs)],
  ['Variable', `CTI_REQUEST_ID=${r.requestId}`],
  ['Async', 'true'],
);

export const hangupAction = (channel: string): AmiAction => act('Hangup', ['Channel', channel]);

export interface HoldRequest {
  farChannel: string;
  agentChannel: string;
  holdContext: string;
  holdExten: string;
  agentWaitExten: string;
}

/**
 * Hold (S07b): both legs leave the bridge in ONE action — the far leg to music on hold, the
 * agent's leg to a silent wait. Redirecting only the far leg makes Asterisk hang up the
 * agent's leg, which as the callee of Dial has no dialplan to return to (README, S07b).
 */
export const holdAction = (r: HoldRequest): AmiAction => act('Redirect',
  ['Channel', r.farChannel],
  ['Context', r.holdContext],
  ['Exten', r.holdExten],
  ['Priority', '1'],
  ['ExtraChannel', r.agentChannel],
  ['ExtraContext', r.holdContext],
  ['ExtraExten', r.agentWaitExten],
  ['ExtraPriority', '1'],
);

/** Retrieve (S07b): a new bridge of the same two legs, without a beep. */
export const retrieveAction = (agentChannel: string, farChannel: string): AmiAction =>
  act('Bridge', ['Channel1', agentChannel], ['Channel2', farChannel], ['Tone', 'no']);

/** Blind transfer (S08): the far party continues at `exten` in `context`; the agent drops. */
export const blindTransferAction = (agentChannel: string, context: string, exten: string): AmiAction =>
  act('BlindTransfer', ['Channel', agentChannel], ['Context', context], ['Exten', exten]);

/** Attended transfer (S09): needs the `atxfer` feature code and Dial's transfer option. */
export const atxferAction = (agentChannel: string, context: string, exten: string): AmiAction =>
  act('Atxfer', ['Channel', agentChannel], ['Context', context], ['Exten', exten]);

/** Abort an attended transfer and go back to the held party (README, S09 "Other ... methods"). */
export const cancelAtxferAction = (agentChannel: string): AmiAction => act('CancelAtxfer', ['Channel', agentChannel]);

export const coreShowChannelsAction = (): AmiAction => act('CoreShowChannels');

/** Every known device with its state (events `DeviceStateChange`, then `DeviceStateListComplete`). */
export const deviceStateListAction = (): AmiAction => act('DeviceStateList');
