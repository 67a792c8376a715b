/**
 * The address we put in Via, Contact and SDP when the server listens on every interface
 * (0.0.0.0 or ::). A wildcard is where we listen, not an address a phone can reach: a
 * Contact of `sip:0.0.0.0:5060` sends the phone's BYE nowhere (RFC 3261 §8.1.1.8: the
 * Contact must be reachable), and `c=IN IP4 0.0.0.0` is RFC 2543's way to say hold
 * (RFC 3264 §8.4). So, per peer: our address on the interface whose subnet holds the peer,
 * loopback for a peer on loopback, else the first external address of the peer's family
 * (on most servers, the one with the default route).
 */
import { isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

export const isWildcard = (host: string): boolean => host === '0.0.0.0' || host === '::' || host === '[::]';

/** The loopback address of `host`'s family (a wildcard's, or a peer's). */
export const loopbackOf = (host: string): string => (host.includes(':') ? '::1' : '127.0.0.1');

const v4 = (a: string): number => a.split('.').reduce((n, p) => ((n << 8) | (Number(p) & 255)) >>> 0, 0);

const v6Bytes = (a: string): number[] => {
  const [head = '', tail] = (a.replace(/^\[|\]$/g, '').split('%')[0] ?? '').split('::') as [string, string | undefined];
  const part = (s: string): number[] => (s === '' ? [] : s.split(':').map((x) => Number.parseInt(x, 16) || 0));
  const h = part(head);
  const t = tail === undefined ? [] : part(tail);
  const groups = tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return groups.flatMap((g) => [g >> 8, g & 255]);
};

/** Whether `addr` is in the subnet of `iface` (its address and netmask). */
const inSubnet = (addr: string, iface: NetworkInterfaceInfo): boolean => {
  if (iface.family === 'IPv4') return (v4(addr) & v4(iface.netmask)) === (v4(iface.address) & v4(iface.netmask));
  const a = v6Bytes(addr);
  const m = v6Bytes(iface.netmask);
  const i = v6Bytes(iface.address);
  return a.every((b, k) => (b & (m[k] ?? 0)) === ((i[k] ?? 0) & (m[k] ?? 0)));
};

export type InterfaceList = () => NodeJS.Dict<NetworkInterfaceInfo[]>;

export interface Advertiser {
  /** Our address as `peer` should see it (peer: an IP address, or a host name: then the default). */
  toward(peer: string): string;
}

/**
 * Reads the interfaces at most every `refreshMs` (addresses change rarely) and remembers
 * each peer's answer until then: this runs for every message sent.
 */
export const createAdvertiser = (list: InterfaceList = networkInterfaces, refreshMs = 30_000, now: () => number = Date.now): Advertiser => {
  let interfaces: NetworkInterfaceInfo[] = [];
  const answers = new Map<string, string>();
  let readAt = -Infinity;
  const choose = (peer: string): string => {
    const host = peer.replace(/^\[|\]$/g, '');
    const family = isIP(host) === 6 ? 'IPv6' : 'IPv4';
    const all = interfaces.filter((i) => i.family === family && !(family === 'IPv6' && i.scopeid !== undefined && i.scopeid !== 0));
    const loopback = loopbackOf(host);
    if (isIP(host) !== 0) {
      const hit = all.find((i) => inSubnet(host, i));
      if (hit) return hit.address;
      if (family === 'IPv4' ? host.startsWith('127.') : host === '::1') return loopback;
    }
    return all.find((i) => !i.internal)?.address ?? loopback;
  };
  return {
    toward: (peer) => {
      if (now() - readAt >= refreshMs) {
        interfaces = Object.values(list()).flatMap((x) => x ?? []);
        answers.clear();
        readAt = now();
      }
      let a = answers.get(peer);
      if (a === undefined) answers.set(peer, (a = choose(peer)));
      return a;
    },
  };
};
