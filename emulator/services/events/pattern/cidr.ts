/**
 * CIDR blocks for the `cidr` pattern operator, IPv4 and IPv6, as 128-bit ranges.
 */
export interface CidrRange {
  v6: boolean;
  low: bigint;
  high: bigint;
  lowNumber: number;
  highNumber: number;
}

export function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

export function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) return undefined;
  let groups: string[];
  let tail: bigint | undefined;
  let source = text;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    tail = parseIpv4(text.slice(lastColon + 1));
    if (tail === undefined) return undefined;
    source = `${text.slice(0, lastColon + 1)}0:0`;
  }
  if (source.includes('::')) {
    const [head, rest] = source.split('::') as [string, string];
    const h = head ? head.split(':') : [];
    const r = rest ? rest.split(':') : [];
    if (h.length + r.length > 7) return undefined;
    groups = [...h, ...Array<string>(8 - h.length - r.length).fill('0'), ...r];
  } else {
    groups = source.split(':');
  }
  if (groups.length !== 8) return undefined;
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  if (tail !== undefined) value = (value & ~0xffffffffn) | tail;
  return value;
}

/**
 * A `cidr` operand: an address and a mask, with exactly one `/` ("Malformed CIDR, one '/'
 * required" is AWS's answer to `"cidr": "bad-filter"`, and event-ruler's CIDR.cidr rejects a
 * bare address the same way: aws/event-ruler src/main/software/amazon/event/ruler/CIDR.java).
 */
export function parseCidr(text: string): CidrRange | undefined {
  const [address, bits, extra] = text.split('/');
  if (extra !== undefined || address === undefined || bits === undefined) return undefined;
  const v6 = address.includes(':');
  const width = v6 ? 128 : 32;
  const value = v6 ? parseIpv6(address) : parseIpv4(address);
  if (value === undefined) return undefined;
  const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!(prefix >= 0 && prefix <= width)) return undefined;
  const hostBits = BigInt(width - prefix);
  const low = (value >> hostBits) << hostBits;
  const high = low + (1n << hostBits) - 1n;
  return { v6, low, high, lowNumber: Number(low), highNumber: Number(high) };
}

export function inCidr(range: CidrRange, ip: string): boolean {
  if (!range.v6) {
    const value = ipv4Number(ip);
    return value !== undefined && value >= range.lowNumber && value <= range.highNumber;
  }
  const value = ip.includes(':') ? parseIpv6(ip) : undefined;
  return value !== undefined && value >= range.low && value <= range.high;
}

/** IPv4 as a plain number: the hot path of IPv4 cidr matching, with no BigInt. */
function ipv4Number(text: string): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return undefined;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
      if (part > 255) return undefined;
    } else {
      return undefined;
    }
  }
  if (dots !== 3 || digits === 0) return undefined;
  return value * 256 + part;
}
