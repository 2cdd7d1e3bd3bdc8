import { ApiError } from '../errors.js';

/** 429 `rate_limited` with Retry-After (whole seconds, at least 1): every limiter refuses the same way. */
export function rateLimited(retryAfterMs: number): ApiError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiError(
    'rate_limited',
    `Too many requests; try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`,
    { retryAfterSeconds },
  );
}
