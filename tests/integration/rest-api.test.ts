import request from 'supertest';
import { PROTOCOL_VERSION } from '../../shared/src/protocol';
import { ROUND_IDS } from '../helpers/content';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const api = () => request(server.url);

describe('REST API', () => {
  it('GET /api/health answers ok', async () => {
    const res = await api().get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', protocol: PROTOCOL_VERSION });
  });

  it('GET /api/rounds lists exactly the shipped rounds with their rubrics and families, without question banks', async () => {
    const res = await api().get('/api/rounds').expect(200);
    expect(res.body.rounds.map((r: { id: string }) => r.id)).toEqual(ROUND_IDS);
    const families = (id: string) =>
      res.body.rounds.find((r: { id: string }) => r.id === id).families as string[];
    expect(families('coding')).toContain('coding');
    expect(families('online-assessment')).toEqual(['coding']);
    expect(families('behavioral')).toEqual(['leadership']);
    expect(res.body.templates.map((t: { id: string }) => t.id)).toContain('online-assessment');
    for (const round of res.body.rounds) {
      expect(round.rubric.length).toBeGreaterThanOrEqual(4);
      expect(Object.keys(round.rubric[0].levels)).toEqual(['1', '2', '3', '4']);
      expect(round.questions).toBeUndefined();
      expect(round.questionCount).toBeGreaterThanOrEqual(3);
    }
  });

  it('GET /api/rounds/:id gives one round with its questions as a picker lists them; an unknown id is a JSON 404', async () => {
    const res = await api().get('/api/rounds/coding').expect(200);
    expect(res.body.questions.length).toBeGreaterThanOrEqual(12);
    expect(res.body.questionCount).toBe(res.body.questions.length);
    expect(res.body.questions[0].coding).toBeUndefined();
    const missing = await api().get('/api/rounds/nope').expect(404);
    expect(missing.body.error.code).toBe('not-found');
  });

  it('GET /api/rounds/:id/questions lists the bank without hints, signals or solutions, by topic', async () => {
    const all = await api().get('/api/rounds/coding/questions').expect(200);
    expect(all.body.questions.length).toBeGreaterThanOrEqual(12);
    for (const q of all.body.questions)
      expect(Object.keys(q).sort()).toEqual([
        'difficulty',
        'id',
        'leadershipPrinciples',
        'levels',
        'minutes',
        'prompt',
        'topics',
      ]);
    // The story banks say which principles each question targets, for the picker.
    const stories = await api().get('/api/rounds/behavioral/questions').expect(200);
    expect(
      stories.body.questions.every(
        (q: { leadershipPrinciples: string[] }) => q.leadershipPrinciples.length > 0,
      ),
    ).toBe(true);
    const graphs = await api().get('/api/rounds/coding/questions?topic=graphs').expect(200);
    expect(graphs.body.questions.length).toBeGreaterThan(0);
    expect(
      graphs.body.questions.every((q: { topics: string[] }) => q.topics.includes('graphs')),
    ).toBe(true);
    await api().get('/api/rounds/nope/questions').expect(404);
  });

  it('GET /api/rounds/:id describes every question of each round', async () => {
    for (const id of ROUND_IDS) {
      const res = await api().get(`/api/rounds/${id}`).expect(200);
      expect(res.body.questions.length, id).toBeGreaterThanOrEqual(12);
      for (const q of res.body.questions) {
        expect(q, `${id}/${q.id}`).toEqual({
          id: expect.any(String),
          prompt: expect.any(String),
          difficulty: expect.stringMatching(/^(easy|medium|hard)$/),
          topics: expect.any(Array),
          minutes: expect.any(Number),
          leadershipPrinciples: expect.any(Array),
          levels: expect.any(Array),
        });
      }
    }
  });

  it('POST /api/loops creates a solo loop with a question per round and a candidate link', async () => {
    const res = await api()
      .post('/api/loops')
      .send({ mode: 'solo', template: 'onsite' })
      .expect(201);
    expect(Object.keys(res.body.tokens)).toEqual(['candidate']);
    expect(res.body.tokens.candidate).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(res.body.links.candidate).toBe(
      `${server.url}/loop/${res.body.id}#token=${res.body.tokens.candidate}`,
    );
    const view = await api()
      .get(`/api/loops/${res.body.id}`)
      .set('Authorization', `Bearer ${res.body.tokens.candidate}`)
      .expect(200);
    expect(view.body.rounds).toHaveLength(5);
    expect(
      view.body.rounds.every((r: { question: { prompt: string } }) => r.question.prompt.length > 0),
    ).toBe(true);
  });

  it('POST /api/loops targets the level asked for, L5 otherwise, and draws from the family asked for', async () => {
    const view = async (body: object) => {
      const res = await api().post('/api/loops').send(body).expect(201);
      return (
        await api()
          .get(`/api/loops/${res.body.id}`)
          .set('Authorization', `Bearer ${res.body.tokens.candidate}`)
          .expect(200)
      ).body;
    };
    expect((await view({ mode: 'solo', rounds: [{ id: 'screen' }] })).targetLevel).toBe('L5');
    const senior = await view({
      mode: 'solo',
      targetLevel: 'L6',
      rounds: [{ id: 'coding', family: 'coding' }],
    });
    expect(senior.targetLevel).toBe('L6');
    expect(senior.rounds[0].question.coding).toBeDefined();
  });

  it('POST /api/loops with the online-assessment template gives two different problems, alone', async () => {
    const res = await api()
      .post('/api/loops')
      .send({ mode: 'solo', template: 'online-assessment' })
      .expect(201);
    const view = await api()
      .get(`/api/loops/${res.body.id}`)
      .set('Authorization', `Bearer ${res.body.tokens.candidate}`)
      .expect(200);
    const rounds = view.body.rounds as {
      roundId: string;
      minutes: number;
      question: { id: string };
    }[];
    expect(rounds.map((r) => [r.roundId, r.minutes])).toEqual([
      ['online-assessment', 45],
      ['online-assessment', 45],
    ]);
    expect(rounds[0]!.question.id).not.toBe(rounds[1]!.question.id);
    const paired = await api()
      .post('/api/loops')
      .send({ mode: 'paired', template: 'online-assessment' })
      .expect(400);
    expect(paired.body.error.message).toMatch(/practised alone/);
  });

  it('POST /api/loops in paired mode hands out a token per role', async () => {
    const res = await api()
      .post('/api/loops')
      .send({ mode: 'paired', rounds: [{ id: 'coding', minutes: 30 }] })
      .expect(201);
    expect(Object.keys(res.body.tokens).sort()).toEqual(['candidate', 'interviewer', 'observer']);
    const tokens = Object.values(res.body.tokens);
    expect(new Set(tokens).size).toBe(3);
  });

  it.each([
    ['no body', undefined, /JSON object body/],
    ['an unknown mode', { mode: 'group' }, /mode/],
    ['an unknown round', { mode: 'solo', rounds: [{ id: 'cooking' }] }, /unknown round/],
    [
      'minutes out of range',
      { mode: 'solo', rounds: [{ id: 'coding', minutes: 2 }] },
      /rounds\.0\.minutes/,
    ],
    ['an unknown field', { mode: 'solo', admin: true }, /admin/],
    ['an unknown level', { mode: 'solo', targetLevel: 'L7' }, /targetLevel/],
    [
      'a family the round does not have',
      { mode: 'solo', rounds: [{ id: 'screen', family: 'sql' }] },
      /round "screen" has no SQL questions/,
    ],
    [
      'a drill of two rounds',
      { mode: 'solo', template: 'drill', rounds: [{ id: 'coding' }, { id: 'screen' }] },
      /exactly one/,
    ],
  ])('POST /api/loops with %s is a 400 saying what is wrong', async (_name, body, message) => {
    const res = await api()
      .post('/api/loops')
      .send(body as object)
      .expect(400);
    expect(res.body.error.code).toBe('bad-request');
    expect(res.body.error.message).toMatch(message);
  });

  it('malformed JSON and oversized bodies are JSON 400s', async () => {
    const bad = await api()
      .post('/api/loops')
      .set('Content-Type', 'application/json')
      .send('{"mode":')
      .expect(400);
    expect(bad.body.error.message).toMatch(/not valid JSON/);
    const big = await api()
      .post('/api/loops')
      .send({ mode: 'solo', pad: 'x'.repeat(70_000) })
      .expect(400);
    expect(big.body.error.message).toMatch(/larger than/);
  });

  it('GET /api/loops/:id needs the right token: none is 401, a wrong one 404', async () => {
    const a = await api().post('/api/loops').send({ mode: 'solo' }).expect(201);
    const b = await api().post('/api/loops').send({ mode: 'solo' }).expect(201);
    expect((await api().get(`/api/loops/${a.body.id}`).expect(401)).body.error.code).toBe(
      'unauthorized',
    );
    await api()
      .get(`/api/loops/${a.body.id}`)
      .set('Authorization', `Bearer ${b.body.tokens.candidate}`)
      .expect(404);
    await api()
      .get(`/api/loops/${a.body.id}`)
      .set('Authorization', 'Bearer not-a-real-token-at-all')
      .expect(404);
    await api()
      .get('/api/loops/unknown/report.json')
      .set('Authorization', `Bearer ${a.body.tokens.candidate}`)
      .expect(404);
  });

  it('reports come as JSON and Markdown with rounds, dimensions and debrief', async () => {
    const a = await api()
      .post('/api/loops')
      .send({ mode: 'solo', template: 'drill', rounds: [{ id: 'screen' }] })
      .expect(201);
    const auth = `Bearer ${a.body.tokens.candidate}`;
    const json = await api()
      .get(`/api/loops/${a.body.id}/report.json`)
      .set('Authorization', auth)
      .expect(200);
    expect(json.body).toMatchObject({
      format: 'mockloop-report@1',
      loop: { id: a.body.id, status: 'in-progress' },
      debrief: null,
    });
    expect(json.body.rounds[0].dimensions.length).toBeGreaterThanOrEqual(4);
    const md = await api()
      .get(`/api/loops/${a.body.id}/report.md`)
      .set('Authorization', auth)
      .expect(200);
    expect(md.headers['content-type']).toMatch(/text\/markdown/);
    expect(md.text).toContain('| Dimension | Self | Partner |');
  });

  it('unknown API paths are JSON 404s', async () => {
    const res = await api().get('/api/nothing-here').expect(404);
    expect(res.body.error.code).toBe('not-found');
  });
});
