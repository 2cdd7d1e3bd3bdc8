import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { clientIp } from './rate-limit-subjects.js';

const requestFrom = (ip: string | undefined) => ({ ip }) as unknown as FastifyRequest;

describe('clientIp', () => {
  it('keys a request by its address, IPv6 by its /64', () => {
    expect(clientIp(requestFrom('203.0.113.7'))).toBe('ip:203.0.113.7');
    expect(clientIp(requestFrom('2001:db8:1:2:3:4:5:6'))).toBe(clientIp(requestFrom('2001:db8:1:2:ffff::1')));
  });

  it('puts a request without an address (its connection gone) in one shared bucket instead of throwing', () => {
    expect(clientIp(requestFrom(undefined))).toBe('ip:unknown');
  });
});
