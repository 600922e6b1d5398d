import { describe, expect, it } from 'vitest';
import { checkCaptureUrl, decideDestination, emptyAllowList, parseAllowList } from './destination.js';
import { cidrContains, classifyIp, parseCidr, parseIPv6 } from './ip-ranges.js';

const table: Array<[string, string]> = [
  // IPv4
  ['8.8.8.8', 'public'],
  ['1.1.1.1', 'public'],
  ['142.250.72.14', 'public'],
  ['0.0.0.0', 'this_network'],
  ['0.1.2.3', 'this_network'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['100.63.255.255', 'public'],
  ['100.64.0.1', 'carrier_grade_nat'],
  ['100.127.255.254', 'carrier_grade_nat'],
  ['100.128.0.0', 'public'],
  ['127.0.0.1', 'loopback'],
  ['127.0.0.2', 'loopback'],
  ['127.255.255.255', 'loopback'],
  ['169.254.169.254', 'link_local'],
  ['169.254.0.1', 'link_local'],
  ['172.15.255.255', 'public'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['172.32.0.0', 'public'],
  ['192.0.0.8', 'protocol_assignments'],
  ['192.0.2.10', 'documentation'],
  ['192.88.99.1', 'relay_anycast'],
  ['192.168.1.1', 'private'],
  ['192.169.0.1', 'public'],
  ['198.18.0.1', 'benchmarking'],
  ['198.19.255.255', 'benchmarking'],
  ['198.51.100.7', 'documentation'],
  ['203.0.113.9', 'documentation'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'broadcast'],
  // IPv6
  ['2606:4700:4700::1111', 'public'],
  ['2001:4860:4860::8888', 'public'],
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['::127.0.0.1', 'ipv4_compatible'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:10.1.2.3', 'private'],
  ['::ffff:169.254.169.254', 'link_local'],
  ['::ffff:8.8.8.8', 'public'],
  ['64:ff9b::10.0.0.1', 'private'],
  ['64:ff9b::a9fe:a9fe', 'link_local'],
  ['64:ff9b::8.8.8.8', 'public'],
  ['64:ff9b:1::1', 'nat64_local'],
  ['2002:7f00:1::', 'loopback'],
  ['2002:c0a8:101::1', 'private'],
  ['2002:808:808::1', 'public'],
  ['100::1', 'discard'],
  ['2001::1', 'teredo'],
  ['2001:db8::1', 'documentation'],
  ['3fff::1', 'documentation'],
  ['fc00::1', 'unique_local'],
  ['fd12:3456::1', 'unique_local'],
  ['fe80::1', 'link_local'],
  ['fe80::1%eth0', 'link_local'],
  ['febf::1', 'link_local'],
  ['fec0::1', 'site_local'],
  ['ff02::1', 'multicast'],
  ['4000::1', 'not_global_unicast'],
  ['::2', 'ipv4_compatible'],
  // Not addresses
  ['localhost', 'invalid'],
  ['127.1', 'invalid'],
  ['0x7f.0.0.1', 'invalid'],
  ['1.2.3.256', 'invalid'],
  ['1::2::3', 'invalid'],
];

describe('classifyIp', () => {
  it.each(table)('%s → %s', (address, expected) => {
    const c = classifyIp(address);
    expect(c.public ? 'public' : c.range).toBe(expected);
  });

  it('names how an IPv4 address was embedded in IPv6', () => {
    expect(classifyIp('::ffff:127.0.0.1')).toMatchObject({ via: 'ipv4_mapped' });
    expect(classifyIp('64:ff9b::10.0.0.1')).toMatchObject({ via: 'nat64' });
    expect(classifyIp('2002:7f00:1::')).toMatchObject({ via: '6to4' });
  });

  it('parses every IPv6 spelling to the same value', () => {
    expect(parseIPv6('::ffff:127.0.0.1')).toBe(parseIPv6('0:0:0:0:0:ffff:7f00:0001'));
    expect(parseIPv6('2001:DB8::1')).toBe(parseIPv6('2001:db8:0:0:0:0:0:1'));
    expect(parseIPv6('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(parseIPv6(':::')).toBeUndefined();
  });
});

describe('CIDRs and the allow list', () => {
  it('matches addresses in a CIDR, and mapped IPv6 forms of IPv4 ones', () => {
    const r = parseCidr('127.0.0.0/30');
    if (!r) throw new Error('no range');
    expect(cidrContains(r, '127.0.0.3')).toBe(true);
    expect(cidrContains(r, '127.0.0.4')).toBe(false);
    expect(cidrContains(r, '::ffff:127.0.0.1')).toBe(true);
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('fd00::/8')).toBeDefined();
  });

  it('parses hosts, addresses and CIDRs and rejects nonsense', () => {
    const allow = parseAllowList(' 127.0.0.1, intranet.example ,10.0.0.0/8,[::1]');
    expect([...allow.hosts]).toEqual(['intranet.example']);
    expect(allow.cidrs).toHaveLength(3);
    expect(() => parseAllowList('10.0.0.0/99')).toThrow();
    expect(() => parseAllowList('bad host!')).toThrow();
  });
});

describe('decideDestination', () => {
  const allow = parseAllowList('127.0.0.1,allowed.test');

  it('refuses a host if ANY of its addresses is not public', () => {
    const d = decideDestination('evil.test', ['93.184.216.34', '10.0.0.5'], emptyAllowList);
    expect(d).toMatchObject({ allowed: false, reason: 'blocked_address', refused: [{ address: '10.0.0.5', range: 'private' }] });
  });

  it('lets public hosts through, IPv4 first', () => {
    expect(decideDestination('ok.test', ['2606:4700::1', '93.184.216.34'], emptyAllowList)).toEqual({
      allowed: true,
      addresses: ['93.184.216.34', '2606:4700::1'],
      byAllowList: false,
    });
  });

  it('honours CAPTURE_ALLOW_HOSTS by address and by host name only', () => {
    expect(decideDestination('127.0.0.1', ['127.0.0.1'], allow)).toMatchObject({ allowed: true, byAllowList: true });
    expect(decideDestination('127.0.0.2', ['127.0.0.2'], allow)).toMatchObject({ allowed: false });
    expect(decideDestination('allowed.test', ['10.1.1.1'], allow)).toMatchObject({ allowed: true });
    expect(decideDestination('other.test', ['127.0.0.1', '127.0.0.9'], allow)).toMatchObject({
      allowed: false,
      refused: [{ address: '127.0.0.9' }],
    });
  });

  it('refuses a host that resolves to nothing', () => {
    expect(decideDestination('nothing.test', [], emptyAllowList)).toMatchObject({ allowed: false, reason: 'no_address' });
  });
});

describe('checkCaptureUrl', () => {
  it.each([
    ['file:///etc/passwd', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['data:text/html,hi', 'scheme'],
    ['ftp://example.com/', 'scheme'],
    ['chrome://settings', 'scheme'],
    ['ws://example.com/', 'scheme'],
    ['http://user:pw@example.com/', 'credentials'],
    ['not a url', 'invalid_url'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(checkCaptureUrl(url)).toMatchObject({ ok: false, reason });
  });

  it('accepts http(s) and normalises numeric hosts the way browsers do', () => {
    expect(checkCaptureUrl('https://Example.COM./a?b')).toMatchObject({ ok: true, host: 'example.com' });
    expect(checkCaptureUrl('http://2130706433/')).toMatchObject({ ok: true, host: '127.0.0.1' });
    expect(checkCaptureUrl('http://0x7f.1/')).toMatchObject({ ok: true, host: '127.0.0.1' });
    expect(checkCaptureUrl('http://[::ffff:7f00:1]/')).toMatchObject({ ok: true, host: '::ffff:7f00:1' });
  });
});
