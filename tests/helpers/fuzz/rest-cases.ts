/**
 * REST request generators: invalid loop bodies (mutated JSON, odd content types, charsets
 * and encodings, deep and huge bodies), hostile path segments and queries, broken bearer
 * tokens, unknown methods and paths. A body that would create a loop is never produced.
 */
import { gzipSync } from 'node:zlib';
import { createLoopRequestSchema } from '../../../shared/src/api';
import { catalog } from '../content';
import { JSON_TYPE, LIMIT_BYTES } from './client';
import { garbagePayload } from './payloads';
import {
  deepArrayJson,
  deepObjectJson,
  extraKey,
  extraValue,
  hugeString,
  nastyString,
  percentEncode,
  POLLUTION_MARKER,
  pollutionObject,
  preview,
  type Rng,
  setOwn,
  weirdValue,
} from './values';
import { world } from './world';

export interface RestCase {
  endpoint: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** `error`: must be a 4xx JSON error; `any`: a 2xx answer is fine too (odd but harmless). */
  expect: 'error' | 'any';
  oversize?: boolean;
  note: string;
}

const KNOWN_ROUNDS = new Set(catalog.rounds.map((r) => r.id));
const KNOWN_TEMPLATES = new Set(catalog.templates.map((t) => t.id));

/** Path segments: traversal, odd encodings, prototype names, huge and malformed ones. */
// prettier-ignore
const SEGMENTS: (string | ((rng: Rng) => string))[] = [
  (rng) => percentEncode(nastyString(rng, 4)) || 'x', '..%2f..%2fetc%2fpasswd',
  '..%2F..%2F..%2Fserver%2Fsrc%2Fapp.ts', '%2e%2e', '%2e%2e%2f%2e%2e', '..%5c..%5cwindows',
  '%252e%252e%252f', 'coding%00', 'coding%20', 'CODING', '__proto__', 'constructor',
  'hasOwnProperty', (rng) => 'x'.repeat(rng.int(65, 4000)),
  (rng) => percentEncode(hugeString(rng, 200)), '%ff%fe', '%C0%AE%C0%AE',
  (rng) => rng.pick(['%', '%Z', '%E0%A4%A', '%ZZ', '%%']), // malformed percent-encoding
];
function pathSegment(rng: Rng): string {
  const segment = rng.pick(SEGMENTS);
  return typeof segment === 'string' ? segment : segment(rng);
}

function junkQuery(rng: Rng): string {
  const nasty = `?topic=${percentEncode(nastyString(rng))}`;
  // prettier-ignore
  return rng.pick([
    '?topic=a&topic=b', '?topic[]=graphs', `?topic[__proto__][${POLLUTION_MARKER}]=yes`,
    `?__proto__[${POLLUTION_MARKER}]=yes`, `?constructor[prototype][${POLLUTION_MARKER}]=yes`,
    nasty, `?${'a=1&'.repeat(1500)}`, '?topic=%ZZ', '?=&&=', '?topic', '?topic=graphs#frag',
    `?topic=${'x'.repeat(4000)}`,
  ]);
}

const TOP_LEVEL = ['mode', 'template', 'rounds', 'recentQuestionIds'];
/** What a POST /api/loops body looks like, with one to three things wrong. */
function invalidLoopBody(rng: Rng): unknown {
  if (rng.chance(0.12)) return garbagePayload(rng, world.loops.solo, 'loop:end').value;
  const body: Record<string, unknown> = { mode: rng.pick(['solo', 'paired']) };
  if (rng.chance(0.3)) body.template = rng.pick([...KNOWN_TEMPLATES]);
  if (rng.chance(0.6))
    body.rounds = Array.from({ length: rng.int(1, 3) }, () => ({
      id: rng.pick([...KNOWN_ROUNDS]),
      ...(rng.chance(0.5) ? { minutes: rng.int(5, 120) } : {}),
    }));
  if (rng.chance(0.3)) body.recentQuestionIds = ['cd-iou'];
  // Fresh for each body: a later change may write into the round picked here.
  // prettier-ignore
  const bad: Record<string, unknown[]> = {
    mode: ['Solo', 'paired ', 'SOLO', '', 1, null, ['solo'], {}, 'trio'],
    template: ['Full-Loop', 'fz-no-template', 'x'.repeat(65), 1, null, '../x', '__proto__', []],
    rounds: [[], Array(11).fill({ id: 'coding' }), 'coding', {}, null, [null], ['coding'], [[]]],
    minutes: [4, 121, 5.5, '40', null, NaN, Infinity, -0, 1e308, -5],
    id: ['fz-no-round', 'Coding', '', 'x'.repeat(65), 3, null, '__proto__'],
    difficulty: ['extreme', 'HARD', '', 1, null],
    recentQuestionIds: ['cd-iou', [1], [null], ['x'.repeat(65)], Array(501).fill('q'), {}, [[]]],
  };
  const keys = ['mode', 'mode', 'template', 'rounds', 'minutes', 'id', 'difficulty'];
  const noRound = [{ id: 'coding', minutes: 0 }, { id: 'fz-no-round' }, { id: 'coding', extra: 1 }];
  // kind 0 drops the mode; 1-3 and 7 set a bad mode, template, rounds or recentQuestionIds;
  // 4-6 a bad minutes, id or difficulty (or extra key) in the first round; 8-9 add a key.
  for (let i = rng.int(1, 3); i > 0; i--) {
    const first = Array.isArray(body.rounds) ? (body.rounds[0] as unknown) : undefined;
    const round = typeof first === 'object' && first !== null ? (first as typeof body) : null;
    const kind = rng.int(0, 9);
    const key = keys[kind] ?? 'recentQuestionIds';
    const inRound = kind >= 4 && kind <= 6;
    if (kind === 0) delete body.mode;
    else if (kind >= 8) setOwn(body, extraKey(rng, TOP_LEVEL), extraValue(rng, false));
    else if (inRound && !round) body.rounds = [noRound[kind - 4]];
    else if (kind === 6 && !rng.chance(0.5)) setOwn(round!, extraKey(rng), pollutionObject(rng));
    else (inRound ? round! : body)[key] = rng.pick(bad[key]!);
  }
  return body;
}

/** A body for a new recording, with one to three things wrong, or none. */
function recordingBody(rng: Rng): string {
  const body: Record<string, unknown> = {
    round: 0,
    startedAt: Date.now(),
    mimeType: 'audio/webm;codecs=opus',
  };
  // prettier-ignore
  const bad: Record<string, unknown[]> = {
    round: [-1, 21, 0.5, '0', null, [], {}],
    startedAt: [NaN, -1, 0, 1.5, 1e20, '1767600000000', null, Infinity, Date.now() + 1e9],
    mimeType: ['video/webm', 'audio/wav', 'text/html', 'audio/webm;codecs=opus\r\nX-Y: z', '',
      'audio/webm; charset=utf-8', 'x'.repeat(200), 42, null],
  };
  for (let i = rng.int(0, 3); i > 0; i--) {
    const key = rng.pick([...Object.keys(bad), 'extra']);
    if (key === 'extra') setOwn(body, extraKey(rng, Object.keys(bad)), extraValue(rng, false));
    else if (rng.chance(0.2)) delete body[key];
    else body[key] = rng.pick(bad[key]!);
  }
  const text = JSON.stringify(body);
  return rng.chance(0.2) ? mutateText(rng, text) : text;
}

/** True when a JSON text would create a loop: such a body is never sent. */
function wouldCreateLoop(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\ufeff/, '')); // body-parser drops a BOM
  } catch {
    return false;
  }
  const parsed = createLoopRequestSchema.safeParse(value);
  if (!parsed.success) return false;
  const { template, rounds } = parsed.data;
  if (template && !KNOWN_TEMPLATES.has(template)) return false;
  if (rounds?.some((r) => !KNOWN_ROUNDS.has(r.id))) return false;
  return template !== 'drill' || rounds?.length === 1;
}

// prettier-ignore
const INSERTS = ['{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', 'NaN', '/*x*/', "'",
  'undefined'];
/** Breaks JSON text: truncates, inserts, deletes, prepends a BOM, adds commas or keys. */
function mutateText(rng: Rng, text: string): string {
  let out = text;
  for (let i = rng.int(1, 3); i > 0; i--) {
    const at = rng.int(0, out.length);
    const op = rng.int(0, 5);
    if (op === 0) out = out.slice(0, at);
    else if (op === 1) out = out.slice(0, at) + rng.pick(INSERTS) + out.slice(at);
    else if (op === 2) out = out.slice(0, at) + out.slice(at + rng.int(1, 4));
    else if (op === 3) out = `\ufeff${out}`;
    else if (op === 4) out = out.replace(/}$/, ',}');
    else out = out.replace('{', '{"mode":"solo",');
  }
  return out;
}

function jsonBody(rng: Rng): string {
  for (;;) {
    let text = JSON.stringify(invalidLoopBody(rng)) ?? 'undefined';
    if (rng.chance(0.2)) text = mutateText(rng, text);
    if (!wouldCreateLoop(text)) return text;
  }
}

/** An Authorization header, mostly broken; `valid` when it carries a token of this loop. */
function authHeader(rng: Rng, loopId: string): { header?: string; valid: boolean } {
  const { solo, paired } = world.loops;
  const mine = [solo, paired].find((loop) => loop.id === loopId);
  const token = rng.pick([...Object.values(solo.tokens), ...Object.values(paired.tokens)])!;
  const basic = `Basic ${Buffer.from('a:b').toString('base64')}`;
  // prettier-ignore
  const header = rng.pick<string | undefined>([
    undefined, '', 'Bearer', 'Bearer ', `bearer ${token}`, `Bearer  ${token}`, `Bearer ${token} `,
    `Bearer ${token}x`, `Bearer ${token},Bearer ${token}`, basic, `Token ${token}`,
    `Bearer ${'A'.repeat(101)}`, `Bearer ${'A'.repeat(100)}`, `Bearer ${'A'.repeat(9)}`,
    `Bearer ${'x'.repeat(8000)}`, `Bearer ${token.slice(0, -1)}`, `Bearer ../${token}`,
    'Bearer \u00ff\u00fe\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9', `Bearer\t${token}`,
    `Bearer ${token}`,
  ]);
  // HTTP trims the whitespace around a header value.
  const tokens = Object.values(mine?.tokens ?? {});
  return { header, valid: tokens.some((t) => header?.trim() === `Bearer ${t}`) };
}

/** Whether a GET body reads as JSON to body-parser (which then ignores it). */
function parsesAsJson(body: string): boolean {
  const text = body.replace(/^\ufeff/, ''); // body-parser drops a BOM
  if (text === '') return true; // an empty JSON body reads as {}
  try {
    JSON.parse(text);
    return /^\s*[[{]/.test(text);
  } catch {
    return false;
  }
}

type Headers = Record<string, string>;
const get = (endpoint: string, path: string, expect: RestCase['expect'], note: string) =>
  ({ endpoint, method: 'GET', path, headers: {}, expect, note }) as RestCase;
const post = (body: string | Buffer, note: string, headers?: Headers, oversize = false) => {
  const c = get('POST /api/loops', '/api/loops', 'error', note);
  return { ...c, method: 'POST', headers: headers ?? JSON_TYPE, body, oversize };
};

export function restCase(rng: Rng): RestCase {
  const r = rng.next();
  if (r < 0.3) return post(jsonBody(rng), 'invalid body');
  if (r < 0.4) {
    const valid = JSON.stringify({ mode: 'solo', rounds: [{ id: 'screen' }] });
    const invalid = jsonBody(rng);
    const type = (t: string, encoding?: string): Headers =>
      encoding ? { 'content-type': t, 'content-encoding': encoding } : { 'content-type': t };
    const json = (encoding?: string) => type('application/json', encoding);
    // prettier-ignore
    const [headers, body, note] = rng.pick<[Headers, string | Buffer, string]>([
      [type('text/plain'), valid, 'valid body as text/plain'],
      [type('application/x-www-form-urlencoded'), 'mode=solo', 'form body'],
      [{}, valid, 'valid body without a content type'],
      [type('multipart/form-data; boundary=x'), '--x\r\n\r\nsolo\r\n--x--', 'multipart body'],
      [type('application/json; charset=utf-16'), invalid, 'utf-16 charset'],
      [type('application/json; charset=latin1'), invalid, 'latin1 charset'],
      [type('application/json; charset=utf8'), invalid, 'utf8 charset'],
      [type('application/json;;;'), invalid, 'odd parameters'],
      [type('APPLICATION/JSON'), invalid, 'upper-case type'],
      [json(), Buffer.from([0x7b, 0xff, 0xfe, 0x22, 0xc0, 0xaf, 0x7d]), 'invalid UTF-8'],
      [json(), Buffer.from('{"mode":"\xed\xa0\x80"}', 'latin1'), 'UTF-8 encoded surrogate'],
      [json('gzip'), gzipSync(invalid), 'gzipped invalid body'],
      [json('gzip'), Buffer.from('not gzip at all'), 'garbage gzip'],
      [json('deflate'), Buffer.from('not deflate'), 'garbage deflate'],
      [json('x-foo'), invalid, 'unknown encoding'],
      [json('identity'), invalid, 'identity encoding'],
      [json(), '', 'empty body'],
      [json(), '   \n ', 'blank body'],
      [json(), rng.pick(['null', 'true', '42', '"solo"', '[]', '{}', 'NaN', '{"mode":"solo"',
        "{'mode':'solo'}", '{"mode":"solo",}']), 'odd JSON text'],
    ]);
    return post(body, note, headers);
  }
  if (r < 0.6) {
    const { solo, paired } = world.loops;
    const id = rng.chance(0.7) ? rng.pick([solo.id, paired.id]) : pathSegment(rng);
    const { header, valid } = authHeader(rng, id);
    const note = `auth ${preview(header, 60)}`;
    const authorized = (c: RestCase) =>
      header === undefined ? c : { ...c, headers: { ...c.headers, authorization: header } };
    // Nobody agreed to record in the fuzzed loops: a valid body is refused all the same.
    if (rng.chance(0.25)) {
      const path = `/api/loops/${id}/recordings`;
      const c = get('POST /api/loops/:id/recordings', path, 'error', `${note}, recording body`);
      return authorized({ ...c, method: 'POST', headers: JSON_TYPE, body: recordingBody(rng) });
    }
    // No recording exists: one named in a path is never found.
    const recording = rng.chance(0.5) ? 'A'.repeat(22) : pathSegment(rng);
    // A round of the loop (its replay may exist) or a hostile segment in its place.
    const round = rng.chance(0.5) ? String(rng.int(0, 2)) : pathSegment(rng);
    const [suffix, endpoint] = rng.pick([
      ['', ''],
      [`/rounds/${round}/replay`, '/rounds/:round/replay'],
      ['/report.json', '/report.json'],
      ['/report.md', '/report.md'],
      ['/recordings', '/recordings'],
      [`/recordings/${recording}/audio`, '/recordings/:recordingId/audio'],
    ]);
    const path = `/api/loops/${id}${suffix}${rng.chance(0.2) ? junkQuery(rng) : ''}`;
    const found =
      valid &&
      !endpoint!.includes(':recordingId') &&
      (endpoint !== '/rounds/:round/replay' || /^\d$/.test(round));
    return authorized(get(`GET /api/loops/:id${endpoint}`, path, found ? 'any' : 'error', note));
  }
  if (r < 0.72) {
    const questions = rng.chance(0.5) ? '/questions' : '';
    const path = `/api/rounds/${pathSegment(rng)}${questions}`;
    return get(`GET /api/rounds/:id${questions}`, path, 'error', 'bad round id');
  }
  if (r < 0.82) {
    // prettier-ignore
    const [endpoint, path] = rng.pick([
      ['GET /api/health', '/api/health'], ['GET /api/rounds', '/api/rounds'],
      ['GET /api/rounds/:id', '/api/rounds/coding'],
      ['GET /api/rounds/:id/questions', '/api/rounds/coding/questions'],
      ['GET /api/health', '/api/HEALTH'], ['GET /api/health', '/api/health/'],
    ]);
    return get(endpoint!, path + junkQuery(rng), 'any', 'junk query');
  }
  if (r < 0.9) {
    const method = rng.pick(['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'POST', 'GET']);
    const { solo, paired } = world.loops;
    // prettier-ignore
    const path = rng.pick([
      '/api/health', '/api/rounds', '/api/rounds/coding', '/api/rounds/coding/questions',
      `/api/loops/${solo.id}`, `/api/loops/${paired.id}/report.json`, '/api/loops', '/api/nope',
      '/api', '/api/', '/api//health', '/api/./health', '/api/health/../rounds',
      '/api/rounds/coding/questions/extra', `/api/loops/${solo.id}/report.txt`,
      '/api/%2e%2e/%2e%2e/etc/passwd', `/api/loops/${solo.id}/..%2F..%2Fhealth`,
      `/api/${'x'.repeat(6000)}`, `/api/loops/${solo.id}/recordings/${'A'.repeat(22)}`,
      `/api/loops/${solo.id}/recordings/${'A'.repeat(22)}/chunks/0`,
    ]);
    const loopPaths = [`/api/loops/${solo.id}`, `/api/loops/${paired.id}/report.json`];
    const documented =
      (method === 'GET' && /^\/api\/(health|rounds(\/coding(\/questions)?)?)$/.test(path)) ||
      (method === 'GET' && loopPaths.includes(path)) ||
      (method === 'POST' && path === '/api/loops');
    if (documented) return restCase(rng);
    const headers: Headers = rng.chance(0.5) ? { ...JSON_TYPE } : {};
    if (rng.chance(0.3)) headers.authorization = `Bearer ${solo.tokens.candidate}`;
    const body = headers['content-type'] ? jsonBody(rng) : undefined;
    const note = 'no such endpoint or method';
    return { endpoint: 'other', method, path, headers, body, expect: 'error', note };
  }
  if (r < 0.97) {
    // prettier-ignore
    const [endpoint, path] = rng.pick([
      ['GET /api/health', '/api/health'], ['GET /api/rounds', '/api/rounds'],
      ['GET /api/rounds/:id/questions', '/api/rounds/coding/questions'],
    ]);
    const body = rng.chance(0.7)
      ? mutateText(rng, '{"topic":"graphs"}')
      : (JSON.stringify(weirdValue(rng, 0, false)) ?? 'null');
    const c = get(endpoint!, path!, parsesAsJson(body) ? 'any' : 'error', 'GET with a JSON body');
    return { ...c, headers: JSON_TYPE, body };
  }
  if (r < 0.985) {
    const depth = rng.pick([10_000, 10_000, 50_000]);
    const deep = rng.chance(0.5) ? deepArrayJson(depth) : deepObjectJson(depth);
    // prettier-ignore
    const body = rng.pick([deep, `{"mode":"solo","rounds":${deep}}`,
      `{"mode":"solo","recentQuestionIds":${deep}}`, `{"mode":${deep}}`]);
    return post(body, `${depth} levels deep`, undefined, body.length > LIMIT_BYTES);
  }
  const length = rng.int(70_000, 1_000_000);
  const body = JSON.stringify({ mode: 'solo', recentQuestionIds: [hugeString(rng, length)] });
  return post(body, `huge body ${body.length} bytes`, undefined, true);
}
