import type { FastifyRequest } from 'fastify';

/**
 * What a person needs to tell their devices apart in a session list: "Firefox on Windows". Only this is
 * kept, never the User-Agent header itself (its version numbers and build ids say more than the list
 * needs). Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", Android also says
 * "Linux", and iPadOS may say "Mac OS X" — so the more specific names are tried first.
 */
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\b(HeadlessChrome|Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/\bWindows\b/, 'Windows'],
  [/\bAndroid\b/, 'Android'],
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

const firstMatch = (header: string, table: [RegExp, string][]) =>
  table.find(([pattern]) => pattern.test(header))?.[1];

/** The summary of a User-Agent header, or null when it names neither a known browser nor a known system. */
export function summarizeDevice(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  // A header is at most a few hundred bytes from a browser; anything longer is not worth matching whole.
  const header = userAgent.slice(0, 512);
  const browser = firstMatch(header, BROWSERS);
  const system = firstMatch(header, SYSTEMS);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? (system ? `A browser on ${system}` : null);
}

/** The browser and system a request comes from, as the session list shows them. */
export const deviceOf = (request: FastifyRequest) => summarizeDevice(request.headers['user-agent']);
