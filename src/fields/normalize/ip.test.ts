import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipClass, normalizeIp } from './ip.js';

describe('normalizeIp', () => {
  it.each([
    ['192.168.1.1', '192.168.1.1'],
    [' 8.8.8.8 ', '8.8.8.8'],
    ['1.2.3.4:8080', '1.2.3.4'],
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['::FFFF:0102:0304', '1.2.3.4'],
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['[2a00:1450:4001:80b::200e]', '2a00:1450:4001:80b::200e'],
    ['::', '::'],
    ['::1', '::1'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
  ])('%j → %j', (raw, value) => {
    expect(normalizeIp(raw)).toMatchObject({ ok: true, value });
  });

  it.each([
    '010.1.1.1',
    '1.2.3.04',
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '2001:db8::1::1',
    'gggg::1',
    'localhost',
    '',
  ])('rejects %j', (raw) => {
    expect(normalizeIp(raw)).toMatchObject({ ok: false });
  });

  it('accepts exactly the dotted quads node:net accepts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV4Extended(), fc.stringMatching(/^[0-9.]{1,16}$/)), (s) => {
        expect(normalizeIp(s).ok, s).toBe(isIP(s) === 4);
      }),
      { numRuns: 2000 },
    );
  });

  it('keys the version, class and network', () => {
    expect(normalizeIp('203.0.113.7')).toEqual({
      ok: true,
      value: '203.0.113.7',
      keys: { version: '4', class: 'documentation', net: '203.0.113.0/24' },
    });
    expect(normalizeIp('2a00:1450:4001:80b::200e')).toMatchObject({
      keys: { version: '6', net: '2a00:1450:4001::/48' },
    });
  });

  it('writes every IPv6 address the way RFC 5952 says, whatever the input form', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const n = normalizeIp(ip.toUpperCase());
        if (!n.ok) throw new Error(`rejected ${ip}`);
        expect(n.value).not.toMatch(/[A-F]|(^|:)0[0-9a-f]|:::/);
        expect((n.value.match(/::/g) ?? []).length).toBeLessThanOrEqual(1);
        expect(normalizeIp(n.value)).toMatchObject({ value: n.value });
      }),
    );
  });
});

describe('ipClass', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['169.254.1.1', 'link-local'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.255', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.1', 'documentation'],
    ['203.0.113.1', 'documentation'],
    ['198.18.0.1', 'reserved'],
    ['198.19.255.1', 'reserved'],
    ['198.20.0.1', 'public'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2a00:1450::1', 'public'],
    ['2001:4860::8888', 'public'],
    ['2001::1', 'reserved'],
    ['100::1', 'reserved'],
    ['4000::1', 'reserved'],
    ['::ffff:10.0.0.1', 'private'],
  ])('%s is %s', (ip, cls) => {
    expect(ipClass(ip)).toBe(cls);
  });

  it('is undefined for non-addresses', () => {
    expect(ipClass('hello')).toBeUndefined();
  });
});
