// publicFetch: an operator's or a customer's address never reaches a private network, even when its name answers a
// private address only when the request connects (DNS rebinding). A local receiver counts what actually arrives.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddressFailure, publicFetch, type Resolve } from '../../src/platform/policy/public-fetch';

let server: http.Server;
let port = 0;
let received = 0;
beforeAll(async () => {
  server = http.createServer((_req, res) => {
    received++;
    res.end('inside');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('publicFetch', () => {
  it('refuses a public-looking name that resolves, when connecting, to this machine; nothing arrives', async () => {
    const asked: string[] = [];
    const rebinding: Resolve = (hostname, cb) => {
      asked.push(hostname);
      cb(null, [{ address: '127.0.0.1', family: 4 }]);
    };
    const before = received;
    const err = await publicFetch(`http://hooks.example.com:${port}/x`, { method: 'POST', body: '{}' }, { resolve: rebinding }).catch((e: unknown) => e);
    expect(isPrivateAddressFailure(err)).toBe(true);
    expect(asked).toEqual(['hooks.example.com']); // resolved once, by the connection itself
    expect(received).toBe(before);
  });

  it('refuses a private literal and a local name without resolving them', async () => {
    const resolve: Resolve = () => {
      throw new Error('must not resolve');
    };
    for (const url of [`http://127.0.0.1:${port}/`, 'http://[::1]/', 'http://169.254.169.254/latest/meta-data', 'http://printer.local/']) {
      expect(isPrivateAddressFailure(await publicFetch(url, {}, { resolve }).catch((e: unknown) => e))).toBe(true);
    }
    expect(received).toBe(0);
  });

  it('reaches a private receiver only where the deployment allows it', async () => {
    const res = await publicFetch(`http://127.0.0.1:${port}/`, {}, { allowPrivate: true });
    expect(await res.text()).toBe('inside');
    expect(received).toBe(1);
  });

  it('a network failure is not mistaken for a private address', async () => {
    const nowhere: Resolve = (_h, cb) => cb(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), []);
    const err = await publicFetch('http://no-such-host.example/', {}, { resolve: nowhere }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(isPrivateAddressFailure(err)).toBe(false);
  });
});
