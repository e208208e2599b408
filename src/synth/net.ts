import type { Random } from './random.js';

/** IPv4 helpers: addresses from an ISP's block, and the reserved ranges a real customer never signs up from. */

interface Block {
  readonly base: number;
  readonly size: number;
}

const blockCache = new Map<string, Block>();

export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

export function formatIPv4(value: number): string {
  return `${Math.floor(value / 16777216) % 256}.${Math.floor(value / 65536) % 256}.${Math.floor(value / 256) % 256}.${value % 256}`;
}

function parseBlock(cidr: string): Block {
  const cached = blockCache.get(cidr);
  if (cached !== undefined) return cached;
  const [address = '', bits = '32'] = cidr.split('/');
  const base = parseIPv4(address);
  if (base === undefined) throw new Error(`bad CIDR block ${cidr}`);
  const block = { base, size: 2 ** (32 - Number(bits)) };
  blockCache.set(cidr, block);
  return block;
}

/** A host address inside one of the blocks, never the .0 or .255 of a /24. */
export function ipInBlocks(blocks: readonly string[], rng: Random): string {
  const block = parseBlock(rng.pick(blocks));
  const value = block.base + Math.floor(rng.next() * block.size);
  const last = value % 256;
  return formatIPv4(last === 0 || last === 255 ? value - last + rng.int(1, 254) : value);
}

export function ipInBlock(ip: string, cidr: string): boolean {
  const value = parseIPv4(ip);
  const block = parseBlock(cidr);
  return value !== undefined && value >= block.base && value < block.base + block.size;
}

/** Private, loopback, link-local, CGNAT, documentation, benchmark, multicast and reserved ranges (RFC 6890). */
export const NON_PUBLIC_BLOCKS: readonly string[] = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.88.99.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
];

export function isPublicIPv4(ip: string): boolean {
  return parseIPv4(ip) !== undefined && !NON_PUBLIC_BLOCKS.some((cidr) => ipInBlock(ip, cidr));
}
