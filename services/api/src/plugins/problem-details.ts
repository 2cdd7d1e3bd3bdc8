import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  ERROR_STATUS,
  PROBLEM_CONTENT_TYPE,
  problemType,
  type ErrorCode,
  type Problem,
} from '@livechat/protocol';
import { ApiError } from '../errors.js';

/** Fastify's own error codes mapped to ours: every framework-level refusal is a clean 4xx. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_VALIDATION: 'validation_failed',
};

function toProblem(error: FastifyError | ApiError, request: FastifyRequest): Problem {
  const requestId = String(request.id);
  if (error instanceof ApiError) {
    return problem(error.code, error.message, request, error.extra);
  }
  if (error.validation) {
    const errors = error.validation.map((issue) => ({
      field: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
      message: issue.message ?? 'is invalid',
    }));
    const first = errors[0];
    return problem(
      'validation_failed',
      first ? `${first.field} ${first.message}` : 'Invalid request',
      request,
      { errors },
    );
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return problem(mapped, friendlyMessage(mapped, error.message), request);
  if (error instanceof SyntaxError) return problem('bad_request', 'The body is not valid JSON', request);
  if (error.statusCode === 429) return problem('rate_limited', 'Too many requests; slow down', request);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return problem('bad_request', error.message, request);
  }
  return { ...problem('internal', 'Something went wrong on our side; try again', request), requestId };
}

function friendlyMessage(code: ErrorCode, fallback: string): string {
  switch (code) {
    case 'payload_too_large':
      return 'The request body is too large';
    case 'unsupported_media_type':
      return 'Send the body as application/json';
    case 'bad_request':
      return /JSON/i.test(fallback) ? 'The body is not valid JSON' : fallback;
    default:
      return fallback;
  }
}

export function problem(
  code: ErrorCode,
  detail: string,
  request: Pick<FastifyRequest, 'url' | 'id'>,
  extra: Partial<Problem> = {},
): Problem {
  return {
    type: problemType(code),
    title: code.replaceAll('_', ' '),
    status: ERROR_STATUS[code],
    code,
    detail,
    instance: request.url,
    requestId: String(request.id),
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, body: Problem) {
  if (body.retryAfterSeconds !== undefined) void reply.header('retry-after', String(body.retryAfterSeconds));
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** Every error, including unknown routes, leaves as RFC 9457 problem details with a protocol code. */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
      const body = toProblem(error, request);
      // A refusal of ours (shedding load) is expected under overload: no stack trace per request then.
      // A 4xx is the client's mistake: its code and detail are a detail (debug); the request's one info
      // line (server-kit's RequestLogController) already says its status.
      if (body.status >= 500 && !(error instanceof ApiError))
        request.log.error({ err: error }, 'request failed');
      else if (body.status >= 500)
        request.log.warn({ code: body.code, detail: body.detail }, 'request refused');
      else request.log.debug({ code: body.code, detail: body.detail }, 'request refused');
      return sendProblem(reply, body);
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        reply,
        problem('not_found', `No route ${request.method} ${request.url.split('?')[0]}`, request),
      ),
    );
  },
  { name: 'problem-details' },
);
