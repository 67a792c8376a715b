"""Builds the synthetic AMI sessions of test/asterisk/synthetic/ from the recorded ones.

Usage: python3 build-synthetic.py <out-dir>/   (reads /work/shared/fixtures/asterisk-ami/)
The .jsonl files are committed; run this only to rebuild them after changing a scenario.
"""
import json, re, sys
import os
SRC = os.environ.get('AMI_FIXTURES_DIR', '/work/shared/fixtures/asterisk-ami/')
OUT = sys.argv[1]

def load(name):
    return [json.loads(l) for l in open(SRC + name) if l.strip()]

def messages(data):
    return [m for m in data.split('\r\n\r\n') if m.strip()]

def fields(msg):
    out = []
    for line in msg.split('\r\n'):
        k, _, v = line.partition(': ')
        out.append([k, v])
    return out

def render(fs):
    return '\r\n'.join(f'{k}: {v}' for k, v in fs) + '\r\n\r\n'

def rename(text, mapping):
    for a, b in mapping:
        text = text.replace(a, b)
    return text

SNAP = ['Channel', 'ChannelState', 'ChannelStateDesc', 'CallerIDNum', 'CallerIDName', 'ConnectedLineNum',
        'ConnectedLineName', 'Language', 'AccountCode', 'Context', 'Exten', 'Priority', 'Uniqueid', 'Linkedid']

class Session:
    def __init__(self):
        self.lines = []
        self.snaps = {}  # Uniqueid -> dict of snapshot fields
        self.bridges = {}

    def add_raw(self, t, d, data):
        self.lines.append({'t': t, 'dir': d, 'data': data})
        if d == 'recv':
            for m in messages(data):
                f = dict((k, v) for k, v in fields(m))
                if 'Uniqueid' in f and 'ChannelState' in f and 'Channel' in f and f.get('Event') not in ('OriginateResponse',):
                    self.snaps[f['Uniqueid']] = {k: f.get(k, '') for k in SNAP}
                if 'BridgeUniqueid' in f:
                    self.bridges[f['BridgeUniqueid']] = f

    def ev(self, t, event, uid, extra=(), priv='call,all', before=()):
        s = self.snaps[uid]
        fs = [['Event', event], ['Privilege', priv], *before, *[[k, s[k]] for k in SNAP], *extra]
        self.add_raw(t, 'recv', render(fs))

    def plain(self, t, event, fs, priv='call,all'):
        self.add_raw(t, 'recv', render([['Event', event], ['Privilege', priv], *fs]))

    def bridge_fields(self, bid, n):
        b = self.bridges[bid]
        return [['BridgeUniqueid', bid], ['BridgeType', b.get('BridgeType', 'basic')], ['BridgeTechnology', b.get('BridgeTechnology', 'simple_bridge')],
                ['BridgeCreator', b.get('BridgeCreator', '<unknown>')], ['BridgeName', b.get('BridgeName', '<unknown>')],
                ['BridgeNumChannels', str(n)], ['BridgeVideoSourceMode', 'none']]

    def leave(self, t, bid, n, uid):
        self.ev(t, 'BridgeLeave', uid, before=self.bridge_fields(bid, n))

    def destroy(self, t, bid):
        self.plain(t, 'BridgeDestroy', self.bridge_fields(bid, 0))

    def hangup(self, t, uid, cause=16, txt='Normal Clearing'):
        self.ev(t, 'Hangup', uid, [['Cause', str(cause)], ['Cause-txt', txt]])

    def dev(self, t, device, state):
        self.plain(t, 'DeviceStateChange', [['Device', device], ['State', state]])

    def write(self, name):
        with open(OUT + name, 'w') as f:
            for l in self.lines:
                f.write(json.dumps(l, ensure_ascii=False, separators=(',', ':')) + '\n')

def cdr(s, t, uid, dest, dest_ctx, callerid, dest_chan, app, data, disp='ANSWERED'):
    c = s.snaps[uid]
    s.plain(t, 'Cdr', [['AccountCode', ''], ['Source', c['CallerIDNum']], ['Destination', dest], ['DestinationContext', dest_ctx],
                       ['CallerID', callerid], ['Channel', c['Channel']], ['DestinationChannel', dest_chan], ['LastApplication', app],
                       ['LastData', data], ['StartTime', '2026-11-26 04:40:05'], ['AnswerTime', '2026-11-26 04:40:06'],
                       ['EndTime', '2026-11-26 04:40:14'], ['Duration', '9'], ['BillableSeconds', '8'], ['Disposition', disp],
                       ['AMAFlags', 'DOCUMENTATION'], ['UniqueID', uid], ['UserField', '']], priv='cdr,all')

# --- X01: Atxfer to 6002, Bob answers, then the outside caller hangs up (README S10 start) --------
S10_MAP = [('1795666805.26', '1795667105.50'), ('1795666805.27', '1795667105.51'), ('1795666809.28', '1795667109.52'),
           ('1795666809.29', '1795667109.53'), ('1795666809.30', '1795667109.54'),
           ('pstn-00000016', 'pstn-00000040'), ('6001-00000017', '6001-00000041'), ('6002-00000018', '6002-00000042'),
           ('from-internal-00000001', 'from-internal-00000004'),
           ('f0d6cd5b-', 'a1d6cd5b-'), ('b0fb2f3e-', 'a2fb2f3e-'), ('645d5c78-', 'a35d5c78-'), ('s10-', 'x01-')]
s = Session()
for l in load('S10-attended-transfer-aborted.jsonl'):
    if l['t'] > 6003:
        break
    s.add_raw(l['t'], l['dir'], rename(l['data'], S10_MAP))
CALLER, ALICE, L1, L2, BOB = '1795667105.50', '1795667105.51', '1795667109.52', '1795667109.53', '1795667109.54'
orig = next(b for b in s.bridges if b.startswith('a1d6'))
consult = next(b for b in s.bridges if b.startswith('a2fb'))
bobs = next(b for b in s.bridges if b.startswith('a35d'))
# 8508: the carrier sends BYE for the caller, who is on music on hold in the original bridge.
t = 8508
s.ev(t, 'HangupRequest', CALLER, [['Cause', '16']])
s.leave(t, orig, 0, CALLER)
# bridge_channel.c: a channel leaving a bridge while held gets UNHOLD -> music stops.
s.ev(t, 'MusicOnHoldStop', CALLER)
# bridge_basic.c: the transferee bridge is empty -> STIMULUS_TRANSFEREE_HANGUP; in CONSULTING the
# target bridge becomes a normal bridge (Alice keeps talking to Bob), TRANSFER_FAIL destroys the
# transferee bridge. No AttendedTransfer event, no Unhold for Alice.
s.destroy(t, orig)
s.ev(t, 'VarSet', CALLER, [['Variable', 'DIALSTATUS'], ['Value', 'ANSWER']], priv='dialplan,all')
s.ev(t, 'SoftHangupRequest', CALLER, [['Cause', '16']])
cdr(s, t, CALLER, '+442079460001', 'from-pstn', '"" <+442075550123>', 'PJSIP/6001-00000041', 'Dial', 'PJSIP/6001,30,t')
s.hangup(t, CALLER)
s.dev(t, 'PJSIP/pstn', 'NOT_INUSE')
# 11515: Alice and Bob talked on; Bob hangs up at his phone (the S10 burst, without the rebridge).
t = 11515
s.ev(t, 'HangupRequest', BOB, [['Cause', '16']])
s.leave(t, bobs, 1, BOB)
s.hangup(t, BOB)
s.leave(t, bobs, 0, L2)
s.destroy(t, bobs)
s.dev(t, 'PJSIP/6002', 'NOT_INUSE')
s.ev(t, 'SoftHangupRequest', L2, [['Cause', '16']])
s.ev(t, 'HangupRequest', L1, [['Cause', '16']])
s.leave(t, consult, 1, L1)
s.leave(t, consult, 0, ALICE)
s.hangup(t, L2)
s.dev(t, 'Local/6002@from-internal', 'NOT_INUSE')
s.destroy(t, consult)
s.hangup(t, L1)
cdr(s, t, ALICE, '', 'from-internal', '"Alice" <6001>', 'Local/6002@from-internal-00000004;1', 'AppDial', '(Outgoing Line)')
s.hangup(t, ALICE)
s.dev(t, 'PJSIP/6001', 'NOT_INUSE')
s.add_raw(13031, 'send', 'Action: Logoff\r\nActionID: x01-logoff\r\n\r\n')
s.add_raw(13031, 'recv', 'Response: Goodbye\r\nActionID: x01-logoff\r\nMessage: Thanks for all the fish.\r\n\r\n')
s.write('X01-consult-then-caller-hangs-up.jsonl')

# --- X02: Bob's phone unregisters, then click-to-dial from PJSIP/6002 ------------------------------
s = Session()
head = load('S01-click-to-dial-answered.jsonl')
for l in head[:5]:
    if l['t'] > 2:
        break
    s.add_raw(l['t'], l['dir'], l['data'].replace('s01-', 'x02-'))
t = 300
s.plain(t, 'ContactStatus', [['URI', 'sip:6002@127.0.0.1:5062;ob'], ['ContactStatus', 'Removed'], ['AOR', '6002'], ['EndpointName', '6002']], priv='system,all')
s.plain(t, 'PeerStatus', [['ChannelType', 'PJSIP'], ['Peer', 'PJSIP/6002'], ['PeerStatus', 'Unreachable']], priv='system,all')
s.dev(t, 'PJSIP/6002', 'UNAVAILABLE')
s.plain(t, 'QueueMemberStatus', [['Queue', 'support'], ['MemberName', 'Bob'], ['Interface', 'PJSIP/6002'], ['StateInterface', 'PJSIP/6002'],
    ['Membership', 'static'], ['Penalty', '0'], ['CallsTaken', '0'], ['LastCall', '0'], ['LastPause', '0'], ['LoginTime', '1795666698'],
    ['InCall', '0'], ['Status', '5'], ['Paused', '0'], ['PausedReason', ''], ['Ringinuse', '0'], ['Wrapuptime', '0']], priv='agent,all')
t = 506
s.add_raw(t, 'send', 'Action: Originate\r\nChannel: PJSIP/6002\r\nContext: from-internal\r\nExten: 02075550123\r\nPriority: 1\r\nCallerID: "Bob" <6002>\r\nTimeout: 30000\r\nVariable: CTI_REQUEST_ID=x02-req\r\nAsync: true\r\nActionID: x02-originate\r\n\r\n')
s.add_raw(t, 'recv', 'Response: Success\r\nActionID: x02-originate\r\nMessage: Originate successfully queued\r\n\r\n')
# manager.c fast_originate: no channel could be requested (chan_pjsip: "No URI available. Is
# endpoint registered?", cause 3) -> Response: Failure, Reason 0, Uniqueid <unknown>.
s.add_raw(507, 'recv', 'Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: x02-originate\r\nResponse: Failure\r\nChannel: PJSIP/6002\r\nContext: from-internal\r\nExten: 02075550123\r\nReason: 0\r\nUniqueid: <unknown>\r\nCallerIDNum: 6002\r\nCallerIDName: Bob\r\n\r\n')
t = 1000
s.add_raw(t, 'send', 'Action: DeviceStateList\r\nActionID: x02-devices\r\n\r\n')
s.add_raw(t, 'recv', 'Response: Success\r\nActionID: x02-devices\r\nEventList: start\r\nMessage: Device State Changes will follow\r\n\r\n')
for device, state in [('PJSIP/6001', 'NOT_INUSE'), ('PJSIP/6002', 'UNAVAILABLE'), ('PJSIP/6003', 'UNAVAILABLE'), ('PJSIP/pstn', 'NOT_INUSE'), ('Queue:support_avail', 'NOT_INUSE')]:
    s.add_raw(t, 'recv', render([['Event', 'DeviceStateChange'], ['ActionID', 'x02-devices'], ['Device', device], ['State', state]]))
s.add_raw(t, 'recv', 'Event: DeviceStateListComplete\r\nActionID: x02-devices\r\nEventList: Complete\r\nListItems: 5\r\n\r\n')
s.add_raw(2500, 'send', 'Action: Logoff\r\nActionID: x02-logoff\r\n\r\n')
s.add_raw(2500, 'recv', 'Response: Goodbye\r\nActionID: x02-logoff\r\nMessage: Thanks for all the fish.\r\n\r\n')
s.write('X02-click-to-dial-unregistered-phone.jsonl')

# --- X03: two inbound calls with national caller IDs and a caller name -------------------------
def caller_named(data, number, new_number, name):
    out = []
    for m in messages(data):
        fs = fields(m)
        d = dict(fs)
        for k_num, k_name in [('CallerIDNum', 'CallerIDName'), ('ConnectedLineNum', 'ConnectedLineName'),
                              ('DestCallerIDNum', 'DestCallerIDName'), ('DestConnectedLineNum', 'DestConnectedLineName')]:
            if d.get(k_num) == number:
                fs = [[k, name if k == k_name else v] for k, v in fs]
        fs = [[k, v.replace(f'"" <{number}>', f'"{name}" <{new_number}>').replace(number, new_number)] for k, v in fs]
        out.append(render(fs))
    return ''.join(out)

s = Session()
S05_MAP = [('1795666735.8', '1795667130.56'), ('1795666735.9', '1795667130.57'), ('pstn-00000008', 'pstn-00000044'),
           ('6001-00000009', '6001-00000045'), ('s05-', 'x03-')]
end = 0
for l in load('S05-inbound-answered-caller-hangs-up.jsonl'):
    if l['dir'] == 'send' and 'Logoff' in l['data']:
        break
    if l['dir'] == 'recv' and 'Goodbye' in l['data']:
        continue
    data = rename(l['data'], S05_MAP)
    s.add_raw(l['t'], l['dir'], caller_named(data, '+442075550123', '02075550123', 'ACME SUPPLIES') if l['t'] > 2 else data)
    end = l['t']
S06_MAP = [('1795666744.10', '1795667138.58'), ('1795666744.11', '1795667138.59'), ('pstn-0000000a', 'pstn-00000046'),
           ('6001-0000000b', '6001-00000047'), ('s06-', 'x03-')]
shift = end + 1000
last = 0
for l in load('S06-inbound-missed-caller-abandons.jsonl'):
    if l['t'] <= 2 or l['dir'] == 'send' or 'Goodbye' in l['data']:
        continue
    data = rename(l['data'], S06_MAP)
    s.add_raw(l['t'] + shift, 'recv', caller_named(data, '02075550123', '02075550199', 'Zoë Dupré'))
    last = l['t'] + shift
s.add_raw(last + 1500, 'send', 'Action: Logoff\r\nActionID: x03-logoff\r\n\r\n')
s.add_raw(last + 1500, 'recv', 'Response: Goodbye\r\nActionID: x03-logoff\r\nMessage: Thanks for all the fish.\r\n\r\n')
s.write('X03-inbound-national-caller-id-and-name.jsonl')

# --- X04: Atxfer to 6002; the caller hangs up while Bob's phone still rings; Bob answers ---------
S10_MAP4 = [('1795666805.26', '1795667150.60'), ('1795666805.27', '1795667150.61'), ('1795666809.28', '1795667154.62'),
            ('1795666809.29', '1795667154.63'), ('1795666809.30', '1795667154.64'),
            ('pstn-00000016', 'pstn-00000048'), ('6001-00000017', '6001-00000049'), ('6002-00000018', '6002-0000004a'),
            ('from-internal-00000001', 'from-internal-00000005'),
            ('f0d6cd5b-', 'b1d6cd5b-'), ('b0fb2f3e-', 'b2fb2f3e-'), ('645d5c78-', 'b35d5c78-'), ('s10-', 'x04-')]
src = load('S10-attended-transfer-aborted.jsonl')
s = Session()
for l in src:
    if l['t'] > 4476:
        break
    s.add_raw(l['t'], l['dir'], rename(l['data'], S10_MAP4))
CALLER, ALICE, L1, L2, BOB = '1795667150.60', '1795667150.61', '1795667154.62', '1795667154.63', '1795667154.64'
orig = next(b for b in s.bridges if b.startswith('b1d6'))
consult = next(b for b in s.bridges if b.startswith('b2fb'))
t = 5500
s.ev(t, 'HangupRequest', CALLER, [['Cause', '16']])
s.leave(t, orig, 0, CALLER)
s.ev(t, 'MusicOnHoldStop', CALLER)
# bridge_basic.c calling_target_exit, STIMULUS_TRANSFEREE_HANGUP: publish_transfer_fail (an
# AttendedTransfer with Result: Fail), then TRANSFER_FAIL destroys the transferee bridge. The
# target keeps ringing: if Bob answers he talks to Alice.
a = s.snaps[ALICE]
def prefixed(p, snap):
    return [[p + k, snap[k]] for k in SNAP]
l1 = s.snaps[L1]
s.plain(t, 'AttendedTransfer', [['Result', 'Fail'], *prefixed('OrigTransferer', a), *[['Orig' + k, v] for k, v in s.bridge_fields(orig, 0)],
        *prefixed('SecondTransferer', a), *[['Second' + k, v] for k, v in s.bridge_fields(consult, 2)],
        *prefixed('TransferTarget', l1), ['IsExternal', 'No'], ['DestType', 'Fail']])
s.destroy(t, orig)
s.ev(t, 'VarSet', CALLER, [['Variable', 'DIALSTATUS'], ['Value', 'ANSWER']], priv='dialplan,all')
s.ev(t, 'SoftHangupRequest', CALLER, [['Cause', '16']])
cdr(s, t, CALLER, '+442079460001', 'from-pstn', '"" <+442075550123>', 'PJSIP/6001-00000049', 'Dial', 'PJSIP/6001,30,t')
s.hangup(t, CALLER)
s.dev(t, 'PJSIP/pstn', 'NOT_INUSE')
# 6002: Bob answers (the recorded S10 answer burst).
for l in src:
    if 6002 <= l['t'] <= 6003:
        s.add_raw(l['t'], l['dir'], rename(l['data'], S10_MAP4))
bobs = next(b for b in s.bridges if b.startswith('b35d'))
# 9010: Alice hangs up at her phone; the normal bridge dissolves and takes the Local pair and Bob.
t = 9010
s.ev(t, 'HangupRequest', ALICE, [['Cause', '16']])
s.leave(t, consult, 1, ALICE)
cdr(s, t, ALICE, '', 'from-internal', '"Alice" <6001>', 'Local/6002@from-internal-00000005;1', 'AppDial', '(Outgoing Line)')
s.hangup(t, ALICE)
s.dev(t, 'PJSIP/6001', 'NOT_INUSE')
s.leave(t, consult, 0, L1)
s.destroy(t, consult)
s.ev(t, 'SoftHangupRequest', L1, [['Cause', '16']])
s.ev(t, 'HangupRequest', L2, [['Cause', '16']])
s.leave(t, bobs, 1, L2)
s.hangup(t, L1)
s.leave(t, bobs, 0, BOB)
s.destroy(t, bobs)
s.hangup(t, L2)
s.dev(t, 'Local/6002@from-internal', 'NOT_INUSE')
s.hangup(t, BOB)
s.dev(t, 'PJSIP/6002', 'NOT_INUSE')
s.add_raw(10520, 'send', 'Action: Logoff\r\nActionID: x04-logoff\r\n\r\n')
s.add_raw(10520, 'recv', 'Response: Goodbye\r\nActionID: x04-logoff\r\nMessage: Thanks for all the fish.\r\n\r\n')
s.write('X04-consult-ringing-then-caller-hangs-up.jsonl')
