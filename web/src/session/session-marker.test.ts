import { SESSION_MARKER_COOKIE } from '@livechat/protocol';
import { describe, expect, it } from 'vitest';
import { hasSessionMarker } from './session-marker';

describe('hasSessionMarker', () => {
  it('finds the marker wherever it sits among the cookies', () => {
    expect(hasSessionMarker(`${SESSION_MARKER_COOKIE}=1`)).toBe(true);
    expect(hasSessionMarker(`theme=dark; ${SESSION_MARKER_COOKIE}=1; other=2`)).toBe(true);
  });

  it('is false without it, also for a cookie whose name only starts or ends like it', () => {
    expect(hasSessionMarker('')).toBe(false);
    expect(hasSessionMarker(`x${SESSION_MARKER_COOKIE}=1; ${SESSION_MARKER_COOKIE}x=1`)).toBe(false);
  });
});
