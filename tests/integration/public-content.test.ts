/**
 * The public content endpoints carry only what a question picker shows. A question's kit
 * (hints, follow-ups, signals, red flags, tests and reference solutions) reaches a loop's
 * interviewer through their loop view, and a solo candidate only once they have scored
 * the round: a candidate who reads their question id from their view learns nothing more
 * by asking the API for it.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '../../shared/src/content';
import type { LoopView } from '../../shared/src/loop/project';
import { catalog, ratingsFor } from '../helpers/content';
import { joinLoop, nextView, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Every text of a question's kit long enough not to occur by chance elsewhere. */
function kitTexts(question: Question): string[] {
  const texts = [
    ...question.hints,
    ...question.followUps.map((f) => f.text),
    ...question.signals,
    ...question.redFlags,
    ...(question.coding
      ? [question.coding.solutions.python, question.coding.solutions.javascript]
      : []),
    ...(question.sql ? [question.sql.solution] : []),
  ];
  return texts.filter((text) => text.length >= 30 && !question.prompt.includes(text));
}

describe('the public content endpoints', () => {
  it('never carry a hint, follow-up, signal, red flag or reference solution of any question', async () => {
    const bodies: string[] = [];
    const get = async (path: string) => {
      const res = await request(server.url).get(path).expect(200);
      bodies.push(JSON.stringify(res.body));
      return res.body as Record<string, unknown>;
    };
    await get('/api/rounds');
    for (const round of catalog.rounds) {
      const detail = (await get(`/api/rounds/${round.id}`)) as { questions: object[] };
      expect(detail.questions).toHaveLength(round.questions.length);
      await get(`/api/rounds/${round.id}/questions`);
      for (const topic of new Set(round.questions.flatMap((q) => q.topics)))
        await get(`/api/rounds/${round.id}/questions?topic=${topic}`);
    }
    const everything = bodies.join('\n');
    let checked = 0;
    for (const round of catalog.rounds)
      for (const question of round.questions)
        for (const text of kitTexts(question)) {
          checked++;
          const leaked = everything.includes(JSON.stringify(text).slice(1, -1));
          expect(leaked, `${round.id}/${question.id}: "${text.slice(0, 60)}…"`).toBe(false);
        }
    // The bank's kits are large: the search covered more than a thousand texts.
    expect(checked).toBeGreaterThan(1000);
  });

  it('describe each question by id, prompt, difficulty, topics, minutes, principles and levels only', async () => {
    const res = await request(server.url).get('/api/rounds/coding').expect(200);
    expect(res.body.rubric.length).toBeGreaterThanOrEqual(4);
    for (const question of res.body.questions)
      expect(Object.keys(question).sort()).toEqual([
        'difficulty',
        'id',
        'leadershipPrinciples',
        'levels',
        'minutes',
        'prompt',
        'topics',
      ]);
  });
});

describe("a question's kit in the loop view", () => {
  it('reaches the interviewer and observer, never the paired candidate', async () => {
    const created = await request(server.url)
      .post('/api/loops')
      .send({ mode: 'paired', rounds: [{ id: 'coding', family: 'coding' }] })
      .expect(201);
    const { id, tokens } = created.body as { id: string; tokens: Record<string, string> };
    const views: Record<string, LoopView> = {};
    for (const role of ['interviewer', 'observer', 'candidate'])
      views[role] = (await joinLoop(server.url, id, tokens[role]!)).views[0]!;
    for (const role of ['interviewer', 'observer']) {
      const question = views[role]!.rounds[0]!.question;
      expect(question.coding?.solutions?.python, role).toMatch(/def /);
      expect(question.signals?.length, role).toBeGreaterThan(0);
    }
    const candidate = views.candidate!.rounds[0]!.question;
    expect(candidate.coding?.tests.length).toBeGreaterThan(0);
    expect(candidate.coding?.solutions).toBeUndefined();
    expect(candidate.signals).toBeUndefined();
    expect(candidate.hints).toEqual([]);
  });

  it('opens for a solo candidate once they have scored the round: every hint and the reference code', async () => {
    const created = await request(server.url)
      .post('/api/loops')
      .send({ mode: 'solo', rounds: [{ id: 'coding', family: 'coding' }] })
      .expect(201);
    const { id, tokens } = created.body as { id: string; tokens: { candidate: string } };
    const { socket, views } = await joinLoop(server.url, id, tokens.candidate);
    const before = views[0]!.rounds[0]!.question;
    expect(before.coding?.solutions).toBeUndefined();
    expect(before.hints).toEqual([]);
    let n = 0;
    const send = (event: string, payload: object) =>
      (socket.emitWithAck as (e: string, p: object) => Promise<{ ok: boolean }>)(event, {
        commandId: `kit-solo-${++n}`,
        ...payload,
      });
    expect((await send('round:start', { round: 0 })).ok).toBe(true);
    expect((await send('round:end', { round: 0 })).ok).toBe(true);
    const unscored = (
      await request(server.url)
        .get(`/api/loops/${id}`)
        .set('Authorization', `Bearer ${tokens.candidate}`)
        .expect(200)
    ).body as LoopView;
    expect(unscored.rounds[0]!.question.coding?.solutions).toBeUndefined();

    const scored = nextView(socket, (v) => Boolean(v.rounds[0]!.scores.self));
    const card = { ratings: ratingsFor('coding', 3), vote: 3, justification: 'ok' };
    expect((await send('score:submit', { round: 0, card })).ok).toBe(true);
    const after = (await scored).rounds[0]!.question;
    expect(after.coding?.solutions?.javascript).toMatch(/function /);
    expect(after.hints.length).toBe(after.hintCount);
    expect(after.signals?.length).toBeGreaterThan(0);
    socket.disconnect();
  });
});
