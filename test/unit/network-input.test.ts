import { describe, expect, it } from 'vitest';
import { networkNameProblem, subnetProblem } from '../../src/docker/network-input.js';

describe('network input', () => {
  it('accepts names of letters, digits, _ . - that start with a letter or digit', () => {
    expect(networkNameProblem('backend')).toBeUndefined();
    expect(networkNameProblem('b')).toBeUndefined();
    expect(networkNameProblem('app_net.v2-x')).toBeUndefined();
    expect(networkNameProblem('')).toMatch(/not a valid network name/);
    expect(networkNameProblem('.x')).toMatch(/not a valid network name/);
    expect(networkNameProblem('a/b')).toMatch(/not a valid network name/);
  });

  it('accepts IPv4 and IPv6 subnets with a gateway inside', () => {
    expect(subnetProblem('198.18.0.0/24')).toBeUndefined();
    expect(subnetProblem('198.18.0.0/24', '198.18.0.1')).toBeUndefined();
    expect(subnetProblem('198.18.0.0/24', '198.18.0.254')).toBeUndefined();
    expect(subnetProblem('fd00:1::/64')).toBeUndefined();
    expect(subnetProblem('fd00:1::/64', 'fd00:1::1')).toBeUndefined();
    expect(subnetProblem('fd00:1:0:0:0:0:0:0/64', 'fd00:1::ffff')).toBeUndefined();
    expect(subnetProblem('', '')).toBeUndefined();
  });

  it('says what is wrong with a subnet or gateway', () => {
    expect(subnetProblem('198.18.0.0')).toMatch(/is not a subnet/);
    expect(subnetProblem('198.18.0/24')).toMatch(/is not a subnet/);
    expect(subnetProblem('198.18.0.0/0')).toMatch(/from 1 to 32/);
    expect(subnetProblem('fd00::/129')).toMatch(/from 1 to 128/);
    expect(subnetProblem('198.18.3.7/16')).toMatch(/did you mean 198\.18\.0\.0\/16\?/);
    expect(subnetProblem('fd00:1::5/64')).toMatch(/did you mean fd00:1::\/64\?/);
    expect(subnetProblem('fd00:0:0:1:2::/48')).toMatch(/did you mean fd00::\/48\?/);
    expect(subnetProblem('198.18.0.0/24', '198.18.1.1')).toBe('the gateway 198.18.1.1 is not inside 198.18.0.0/24');
    expect(subnetProblem('fd00:1::/64', 'fd00:2::1')).toMatch(/not inside/);
    expect(subnetProblem('fd00:1::/64', '198.18.0.1')).toMatch(/not an IPv6 address/);
    expect(subnetProblem('198.18.0.0/24', 'gw')).toMatch(/not an IPv4 address/);
    expect(subnetProblem('', '198.18.0.1')).toMatch(/a gateway needs a subnet/);
  });
});
