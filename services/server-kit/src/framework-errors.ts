import type { FastifyReply, FastifyServerOptions } from 'fastify';
import { ERROR_STATUS, PROBLEM_CONTENT_TYPE, problemType, type Problem } from '@livechat/protocol';

/**
 * Refusals Fastify makes before any route runs — a path segment longer than the router's
 * `maxParamLength` (100), a broken percent escape — answered like every other refusal: problem+json
 * with a protocol code. Left to Fastify they are its own JSON, the first with a 414 the protocol has no
 * code for (found by the fuzz suite, services/standalone/test/fuzz).
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (
  error,
  request,
  reply,
) => {
  const detail =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A part of the URL path is too long to be an id'
      : 'The URL is not valid: check its percent-escapes';
  const body: Problem = {
    type: problemType('bad_request'),
    title: 'bad request',
    status: ERROR_STATUS.bad_request,
    code: 'bad_request',
    detail,
    requestId: String(request.id),
  };
  void (reply as FastifyReply).code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
};
