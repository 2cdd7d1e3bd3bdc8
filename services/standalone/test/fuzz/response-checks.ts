import { ERROR_STATUS, PROBLEM_CONTENT_TYPE, type ErrorCode } from '@livechat/protocol';
import type { HttpResponse } from './http-exchange.js';

/**
 * What a stack trace leaves in text: V8 frames (`at fn (/path/file.ts:12:5)`), internal modules, source
 * positions. Generated inputs never contain these, so one in a response is the server's own.
 */
const STACK_TRACE =
  /\bat (?:async )?[^\n()]*\(?(?:file:\/\/|node:|\/)[^\s()]*:\d+:\d+\)?|node_modules[\\/]|node:internal|\.[cm]?[jt]s:\d+:\d+/;

export const containsStackTrace = (text: string): boolean => STACK_TRACE.test(text);

/**
 * Node's HTTP parser refuses some requests before any route sees them (a header past the size limit, a
 * broken request line): a bare status, with no body or Fastify's fixed client-error body.
 */
const BARE_PARSER_REFUSALS = new Set([400, 413, 414, 431]);
const CLIENT_ERROR_BODY = /^(|\{"error":"[A-Za-z ]+","message":"[A-Za-z ]+","statusCode":4\d\d\})$/;

/** Everything wrong with one answer of the API: a 5xx, a stack trace, a 4xx that is not our problem+json. */
export function responseProblems(response: HttpResponse): string[] {
  const problems: string[] = [];
  if (response.status >= 500 || response.status < 100) problems.push(`answered ${response.status}`);
  if (containsStackTrace(response.body)) problems.push('the body contains a stack trace');
  if (response.status >= 400) {
    const type = String(response.headers['content-type'] ?? '');
    if (!type.startsWith(PROBLEM_CONTENT_TYPE)) {
      if (!(BARE_PARSER_REFUSALS.has(response.status) && CLIENT_ERROR_BODY.test(response.body)))
        problems.push(
          `a ${response.status} that is not ${PROBLEM_CONTENT_TYPE} (${type || 'no content type'})`,
        );
    } else {
      const code = parseCode(response.body);
      if (!code) problems.push('a problem without a known error code');
      else if (ERROR_STATUS[code] !== response.status)
        problems.push(
          `code ${code} is ${ERROR_STATUS[code]} in the protocol but came with ${response.status}`,
        );
    }
  }
  return problems;
}

function parseCode(body: string): ErrorCode | null {
  try {
    const code = (JSON.parse(body) as { code?: unknown }).code;
    return typeof code === 'string' && code in ERROR_STATUS ? (code as ErrorCode) : null;
  } catch {
    return null;
  }
}
