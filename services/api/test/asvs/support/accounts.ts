import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { latestMailTo, linkToken } from '../../support/factories.js';
import type { TestApi } from '../../support/test-api.js';
import { callOverHttp, type WireAnswer } from './http-client.js';

/** A fresh address no other test uses. */
export const freshEmail = () => `asvs-${randomUUID().slice(0, 8)}@example.com`;

/** Registers over HTTP with `password`; answers the address and the API's answer. */
export async function register(api: TestApi, password: string, displayName = 'Checklist User') {
  const email = freshEmail();
  const answer = await callOverHttp(api, 'register', { body: { email, password, displayName } });
  return { email, answer };
}

/** Registers and insists on the 202 (for tests that are about what comes after). */
export async function registered(api: TestApi, password: string): Promise<string> {
  const { email, answer } = await register(api, password);
  expect(answer.status, answer.text).toBe(202);
  return email;
}

/** The token of the newest link to `page` mailed to `email` (what the person clicks). */
export const mailedToken = async (api: TestApi, email: string, page: 'verify-email' | 'reset-password') =>
  linkToken((await latestMailTo(api.app, email)).text, page);

/** `count` logins with a wrong password for `email`, each with `headers`; answers their statuses. */
export async function failLogins(
  api: TestApi,
  email: string,
  count: number,
  headers: (attempt: number) => Record<string, string> = () => ({}),
): Promise<number[]> {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < count; attempt++) {
    const answer: WireAnswer = await callOverHttp(api, 'login', {
      body: { email, password: `wrong password ${attempt}` },
      headers: headers(attempt),
    });
    statuses.push(answer.status);
  }
  return statuses;
}

/**
 * API settings for the checklist's throttle items: a small per-(account, address) failure limit, and the
 * per-account slowdown out of the way so that what answers 429 is the limit under test.
 */
export const LOGIN_LIMIT_ENV = { LOGIN_FAILURES_PER_ADDRESS: '3', LOGIN_SLOWDOWN_AFTER_FAILURES: '1000' };
