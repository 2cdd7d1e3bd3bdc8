import fc from 'fast-check';
import { REFRESH_COOKIE, ROUTES, type RouteName } from '@livechat/protocol';
import { resolveRefs, type RefKind } from './fixture-ref.js';
import { fixtureOverride } from './fixture-override.js';
import { CONTENT_TYPES, MALFORMED_JSON, NUMERIC_TEXTS, RAW_PATH_SEGMENTS } from './hostile-values.js';
import type { HttpRequest } from './http-exchange.js';
import { asJsonSchema, type JsonSchema } from './json-schema.js';
import { mutatedArbitrary } from './mutated-arbitrary.js';
import { RawJson, serializeJson } from './raw-json.js';
import { validArbitrary } from './valid-arbitrary.js';

/** Who calls: Alice mostly; Bob, unverified Uma, nobody, or an Authorization header that is no token of ours. */
export type Caller = 'alice' | 'bob' | 'uma' | 'anonymous' | 'tampered' | { header: string };
export type OriginKind = 'ours' | 'foreign' | 'null' | 'none';
/** The refresh cookie sent: Carol's real one, none, or a broken one. */
export type CookieKind = 'carol' | 'none' | { header: string };

export type BodyPart =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string; contentType: string | null }
  | { kind: 'bytes'; bytes: number[]; contentType: string };

/** A path segment sent as written, not percent-encoded: broken escapes, dot segments. */
export class RawSegment {
  constructor(readonly text: string) {}
  [fc.toStringMethod](): string {
    return `raw(${this.text.slice(0, 40)})`;
  }
}

export interface HttpCase {
  route: RouteName;
  caller: Caller;
  origin: OriginKind;
  cookie: CookieKind;
  params: unknown;
  /** '' or `?…`, already encoded. */
  query: string;
  body: BodyPart;
}

const BOGUS_AUTHORIZATION = [
  'Bearer garbage',
  'Bearer ',
  'Bearer a.b.c',
  'bearer  x.y.z',
  'Basic dXNlcjpwYXNz',
  'Token abc',
  '',
  `Bearer ${'x'.repeat(5000)}`,
  // alg "none", unsigned
  'Bearer eyJhbGciOiJub25lIiwidHlwIjoibGl2ZWNoYXQtYWNjZXNzK2p3dCJ9.eyJzdWIiOiJ4Iiwic2lkIjoieCJ9.',
];
const BOGUS_COOKIES = [
  `${REFRESH_COOKIE}=garbage`,
  `${REFRESH_COOKIE}=${'x'.repeat(8000)}`,
  REFRESH_COOKIE,
  '=;;;',
  `${REFRESH_COOKIE}=a; ${REFRESH_COOKIE}=b`,
  `${REFRESH_COOKIE}="%00"`,
];
const RAW_QUERIES = [
  '?',
  '?&&&',
  '?=',
  '?%',
  '?%00=1',
  '?limit=%ZZ',
  '?a[b]=1',
  '?limit',
  '?limit=1&limit=2',
  `?${'a=1&'.repeat(2000)}`,
];

const caller: fc.Arbitrary<Caller> = fc.oneof(
  { arbitrary: fc.constant('alice' as const), weight: 12 },
  {
    arbitrary: fc.constantFrom('bob' as const, 'uma' as const, 'anonymous' as const, 'tampered' as const),
    weight: 3,
  },
  { arbitrary: fc.constantFrom(...BOGUS_AUTHORIZATION).map((header) => ({ header })), weight: 1 },
);
const origin: fc.Arbitrary<OriginKind> = fc.oneof(
  { arbitrary: fc.constant('ours' as const), weight: 8 },
  { arbitrary: fc.constantFrom('foreign' as const, 'null' as const, 'none' as const), weight: 2 },
);
const cookie = (usesCookie: boolean): fc.Arbitrary<CookieKind> =>
  fc.oneof(
    { arbitrary: fc.constant('carol' as const), weight: usesCookie ? 6 : 1 },
    { arbitrary: fc.constant('none' as const), weight: usesCookie ? 2 : 12 },
    { arbitrary: fc.constantFrom(...BOGUS_COOKIES).map((header) => ({ header })), weight: 1 },
  );

/**
 * Requests for one route of the protocol: every part valid (with boundaries), or one part mutated — the
 * body, the query, a path parameter — or the transport itself broken (malformed JSON, another content
 * type, invalid UTF-8, a body past the limit). Callers, origins and cookies vary independently.
 */
export function httpCaseArbitrary(route: RouteName): fc.Arbitrary<HttpCase> {
  const spec = ROUTES[route] as (typeof ROUTES)[RouteName] & {
    params?: unknown;
    query?: unknown;
    body?: unknown;
  };
  const schemaOf = (part: unknown) => (part ? asJsonSchema(part) : undefined);
  const params = schemaOf(spec.params);
  const query = schemaOf(spec.query);
  const body = schemaOf(spec.body);

  const validParams = params ? validArbitrary(params, fixtureOverride) : fc.constant({});
  const validQuery = query ? validArbitrary(query, fixtureOverride).map(toQueryString) : fc.constant('');
  const validBodyValue = body ? validArbitrary(body, fixtureOverride) : fc.constant(undefined);
  const validBody = validBodyValue.map(jsonBody);

  const parts: fc.WeightedArbitrary<{ params: unknown; query: string; body: BodyPart }>[] = [
    { arbitrary: fc.record({ params: validParams, query: validQuery, body: validBody }), weight: 4 },
    { arbitrary: fc.record({ params: validParams, query: validQuery, body: mutatedBody(body) }), weight: 3 },
    {
      arbitrary: fc.record({ params: validParams, query: mutatedQuery(query), body: validBody }),
      weight: query ? 2 : 1,
    },
    {
      arbitrary: fc.record({ params: validParams, query: validQuery, body: brokenBody(validBodyValue) }),
      weight: 2,
    },
  ];
  if (params)
    parts.push({
      arbitrary: fc.record({ params: mutatedParams(params), query: validQuery, body: validBody }),
      weight: 2,
    });
  const part = fc.oneof(...parts);
  const usesCookie = route === 'refresh' || route === 'logout';
  return fc
    .record({ caller, origin, cookie: cookie(usesCookie), part })
    .map(({ part: { params: p, query: q, body: b }, ...rest }) => ({
      route,
      ...rest,
      params: p,
      query: q,
      body: b,
    }));
}

const jsonBody = (value: unknown): BodyPart =>
  value === undefined ? { kind: 'none' } : { kind: 'json', value };

function mutatedBody(schema: JsonSchema | undefined): fc.Arbitrary<BodyPart> {
  if (!schema) return fc.jsonValue({ maxDepth: 2 }).map(jsonBody);
  return mutatedArbitrary(schema, fixtureOverride).map(jsonBody);
}

function mutatedQuery(schema: JsonSchema | undefined): fc.Arbitrary<string> {
  const raw = fc.constantFrom(...RAW_QUERIES);
  if (!schema)
    return fc.oneof(
      raw,
      fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(toQueryString),
    );
  const keys = Object.keys(schema.properties ?? {});
  const numericText = fc
    .tuple(
      validArbitrary(schema, fixtureOverride),
      fc.constantFrom(...keys),
      fc.constantFrom(...NUMERIC_TEXTS),
    )
    .map(([value, key, text]) => toQueryString({ ...(value as object), [key]: text }));
  return fc.oneof(
    { arbitrary: numericText, weight: 3 },
    { arbitrary: mutatedArbitrary(schema, fixtureOverride).map(toQueryString), weight: 3 },
    { arbitrary: raw, weight: 1 },
  );
}

function mutatedParams(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  if (!schema) return fc.constant({});
  const keys = Object.keys(schema.properties ?? {});
  const rawSegment = fc
    .tuple(
      validArbitrary(schema, fixtureOverride),
      fc.constantFrom(...keys),
      fc.constantFrom(...RAW_PATH_SEGMENTS),
    )
    .map(([value, key, text]) => ({ ...(value as object), [key]: new RawSegment(text) }));
  return fc.oneof(mutatedArbitrary(schema, fixtureOverride), rawSegment);
}

function brokenBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<BodyPart> {
  const text = (contentType: string | null) => (value: unknown) => ({
    kind: 'text' as const,
    text: serializeJson(value),
    contentType,
  });
  return fc.oneof(
    fc
      .constantFrom(...MALFORMED_JSON)
      .map((json) => ({ kind: 'text' as const, text: json, contentType: 'application/json' })),
    fc.tuple(valid, fc.constantFrom(...CONTENT_TYPES)).map(([value, type]) => text(type)(value)),
    valid.map(text(null)),
    fc.constant<BodyPart>({
      kind: 'bytes',
      bytes: [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d],
      contentType: 'application/json',
    }),
    fc.constantFrom(70_000, 300_000, 2_000_000).map((size) => ({
      kind: 'text' as const,
      text: JSON.stringify({ padding: 'x'.repeat(size) }),
      contentType: 'application/json',
    })),
  );
}

/** Query values as text, arrays as repeated keys (how `?a=1&a=2` arrives), anything else as JSON. */
function toQueryString(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return `?q=${encodeText(typeof value === 'string' ? value : serializeJson(value))}`;
  const pairs: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    for (const one of Array.isArray(item) ? item : [item]) {
      const text = typeof one === 'string' ? one : one instanceof RawJson ? one.text : serializeJson(one);
      pairs.push(`${encodeText(key)}=${encodeText(text)}`);
    }
  }
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** Percent-encoding of any JavaScript string (a lone surrogate becomes U+FFFD, as a browser sends it). */
const encodeText = (text: string) =>
  encodeURIComponent(
    text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );

/** The request a case stands for, its fixture references resolved in the world as it is now. */
export function caseRequest(
  input: HttpCase,
  world: {
    resolve(kind: RefKind): string;
    origin: string;
    alice: { token: string };
    bob: { token: string };
    uma: { token: string };
    carol: { refreshCookie: string };
  },
): HttpRequest & { sentCookie?: string; resolvedBody?: unknown } {
  const spec = ROUTES[input.route];
  const resolve = (value: unknown) => resolveRefs(value, (kind) => world.resolve(kind));
  const params = resolve(input.params);
  const segment = (name: string) => {
    const value =
      params !== null && typeof params === 'object' ? (params as Record<string, unknown>)[name] : undefined;
    if (value instanceof RawSegment) return value.text;
    if (value === undefined) return '';
    return encodeText(typeof value === 'string' ? value : serializeJson(value));
  };
  const headers: Record<string, string> = {};
  const token = { alice: world.alice.token, bob: world.bob.token, uma: world.uma.token } as Record<
    string,
    string
  >;
  if (typeof input.caller === 'object') headers.authorization = input.caller.header;
  else if (input.caller === 'tampered') headers.authorization = `Bearer ${world.resolve('tamperedToken')}`;
  else if (input.caller !== 'anonymous') headers.authorization = `Bearer ${token[input.caller]}`;
  if (input.origin === 'ours') headers.origin = world.origin;
  else if (input.origin === 'foreign') headers.origin = 'https://evil.example';
  else if (input.origin === 'null') headers.origin = 'null';
  let sentCookie: string | undefined;
  if (input.cookie === 'carol') {
    sentCookie = world.carol.refreshCookie;
    headers.cookie = `${REFRESH_COOKIE}=${sentCookie}`;
  } else if (typeof input.cookie === 'object') headers.cookie = input.cookie.header;

  const request: HttpRequest & { sentCookie?: string; resolvedBody?: unknown } = {
    method: spec.method,
    path: spec.path.replace(/:([A-Za-z]+)/g, (_match, name: string) => segment(name)) + input.query,
    headers,
    ...(sentCookie === undefined ? {} : { sentCookie }),
  };
  const body = input.body;
  if (body.kind === 'json') {
    request.resolvedBody = resolve(body.value);
    request.body = serializeJson(request.resolvedBody);
    headers['content-type'] = 'application/json';
  } else if (body.kind === 'text') {
    request.body = body.text;
    if (body.contentType !== null) headers['content-type'] = body.contentType;
  } else if (body.kind === 'bytes') {
    request.body = Buffer.from(body.bytes);
    headers['content-type'] = body.contentType;
  }
  return request;
}
