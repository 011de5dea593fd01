import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where outgoing requests (webhooks, gateways) may go besides the public internet: hostnames and
 * CIDR ranges from OUTBOUND_ALLOWED_HOSTS, e.g. "smtp.bank.internal,10.20.0.0/16". Everything
 * else on loopback, link-local (cloud metadata at 169.254.169.254), private, shared or reserved
 * addresses is refused.
 */
export interface OutboundAllowList {
  hosts: Set<string>;
  ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][];
}

export function parseAllowList(text = ''): OutboundAllowList {
  const hosts = new Set<string>();
  const ranges: OutboundAllowList['ranges'] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)) {
    if (part.includes('/')) ranges.push(ipaddr.parseCIDR(part));
    else if (ipaddr.isValid(part)) {
      const ip = ipaddr.process(part);
      ranges.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
    } else hosts.add(part);
  }
  return { hosts, ranges };
}

export class OutboundRefusedError extends Error {
  override name = 'OutboundRefusedError';
}

/** Whether a resolved address may be reached: public unicast, or within an allowed range. */
export function isAddressAllowed(address: string, allow: OutboundAllowList): boolean {
  if (!ipaddr.isValid(address)) return false;
  // ::ffff:10.0.0.1 is 10.0.0.1: judged as the IPv4 address it is.
  const ip = ipaddr.process(address);
  if (allow.ranges.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits))) return true;
  return ip.range() === 'unicast';
}

/** Every address a host name stands for, each checked; throws naming the first refused one. */
export async function resolveAllowed(hostname: string, allow: OutboundAllowList): Promise<{ address: string; family: number }[]> {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const addresses = ipaddr.isValid(host)
    ? [{ address: host, family: ipaddr.parse(host).kind() === 'ipv4' ? 4 : 6 }]
    : await lookup(host, { all: true });
  if (allow.hosts.has(host)) return addresses;
  const refused = addresses.find((a) => !isAddressAllowed(a.address, allow));
  if (refused || addresses.length === 0)
    throw new OutboundRefusedError(`${host} resolves to ${refused?.address ?? 'nothing'}, which is not a public address`);
  return addresses;
}

/** A URL an outgoing request may be sent to: http(s), to a host whose every address is allowed. */
export async function checkOutboundUrl(url: string, allow: OutboundAllowList): Promise<URL> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new OutboundRefusedError('only http and https');
  if (parsed.username || parsed.password) throw new OutboundRefusedError('no credentials in the address');
  await resolveAllowed(parsed.hostname, allow);
  return parsed;
}

/**
 * POSTs a body to a URL, connecting only to addresses checked at this moment (the check runs in
 * the socket's own name lookup, so a name that resolves differently after registration — DNS
 * rebinding — is caught), never following a redirect. Answers the status.
 */
export async function postOutbound(
  url: string,
  headers: Record<string, string>,
  body: string,
  allow: OutboundAllowList,
  timeoutMs = 10_000,
): Promise<number> {
  const target = await checkOutboundUrl(url, allow);
  const checkedLookup: LookupFunction = (hostname, options, callback) => {
    resolveAllowed(hostname, allow).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, (addresses[0] as { address: string }).address, (addresses[0] as { family: number }).family);
      },
      (err: Error) => callback(err as NodeJS.ErrnoException, '', 0),
    );
  };
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<number>((resolve, reject) => {
    const req = client.request(
      target,
      { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, lookup: checkedLookup, timeout: timeoutMs },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
