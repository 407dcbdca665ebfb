import type os from 'node:os';
import { describe, expect, it } from 'vitest';
import { hasNetworkInterface } from '../../../src-main/sync/connectivity.js';

type Info = os.NetworkInterfaceInfo;
const loopback: Info = { address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' };
const lan: Info = { address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4', mac: '52:54:00:12:34:56', internal: false, cidr: '192.168.1.20/24' };

describe('hasNetworkInterface', () => {
  it('is offline with only the loopback interface (or none at all)', () => {
    expect(hasNetworkInterface({ lo: [loopback] })).toBe(false);
    expect(hasNetworkInterface({})).toBe(false);
    expect(hasNetworkInterface({ eth0: undefined })).toBe(false);
  });

  it('is online when any other interface has an address', () => {
    expect(hasNetworkInterface({ lo: [loopback], wlan0: [lan] })).toBe(true);
  });
});
