/**
 * The loop report carries what the review shows: pacing from the event log, the hints and
 * follow-ups with when they came, self/partner gaps, and Leadership Principle coverage.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { LP_DIMENSION_ID } from '../../shared/src/leadership';
import type { LoopReport } from '../../shared/src/report';
import { MINUTE_MS } from '../../shared/src/timer';
import { content } from '../helpers/content';
import { writeDoc } from '../helpers/docs';
import { card, commandIds, pairedServer, questionOf, versionOf } from '../helpers/paired';

const { client, clock } = pairedServer();
const cid = commandIds('report');

describe('loop report', () => {
  it('holds pacing, the hint ledger, gaps and principle coverage for a paired loop', async () => {
    const loop = await client.createPaired([{ id: 'behavioral', minutes: 30 }], {
      targetLevel: 'L6',
    });
    const { interviewer, candidate } = await client.joinAll(loop);
    const send = (peer: typeof interviewer, event: string, payload: object) =>
      peer.emit(event, { commandId: cid(), round: 0, ...payload });

    versionOf((await send(interviewer, 'round:start', {})) as never);
    await clock.advance(2 * MINUTE_MS);
    await send(interviewer, 'hint:reveal', { index: 0 });
    await clock.advance(1 * MINUTE_MS);
    await send(interviewer, 'phase:next', {});
    await clock.advance(3 * MINUTE_MS);
    await send(interviewer, 'followup:push', { index: 0 });
    await send(interviewer, 'score:submit', { card: card('behavioral', 1, 'vague') });
    await clock.advance(1 * MINUTE_MS);
    const question = questionOf(interviewer.latest, 0);
    const answer = { kind: 'star', round: 0, questionId: question.id } as const;
    expect(
      (await writeDoc(candidate.socket, answer, { situation: 'A model went stale.' })).ok,
    ).toBe(true);
    await send(interviewer, 'round:end', {});
    const tag = { questionId: question.id, principles: ['dive-deep'], story: null };
    expect((await send(candidate, 'star:tag', tag)).ok).toBe(true);
    await send(candidate, 'score:submit', { card: card('behavioral', 3, 'fine') });

    const res = await request(client.url)
      .get(`/api/loops/${loop.id}/report.json`)
      .set('Authorization', `Bearer ${loop.tokens.candidate}`)
      .expect(200);
    const report = res.body as LoopReport;
    expect(report.loop).toMatchObject({ id: loop.id, mode: 'paired', targetLevel: 'L6' });
    const [round] = report.rounds;
    // 7 minutes from start to end; the first phase ran until it was skipped at 3 minutes,
    // or until the server ended it at its own deadline if that came first.
    const phases = round!.pacing!.phases;
    expect(round!.pacing!.spentMs).toBe(7 * MINUTE_MS);
    expect(phases[0]!.spentMs).toBe(Math.min(3 * MINUTE_MS, phases[0]!.plannedMs));
    expect(phases.filter((p) => p.reached).length).toBeGreaterThanOrEqual(2);
    expect(round!.ledger.map((e) => [e.kind, e.index, e.afterMs])).toEqual([
      ['hint', 0, 2 * MINUTE_MS],
      ['follow-up', 0, 6 * MINUTE_MS],
    ]);
    expect(round!.dimensions.every((d) => d.gap === 2)).toBe(true);
    expect(report.principles).toHaveLength(16);
    const evidenced = report.principles.filter((p) => p.sources.length).map((p) => p.id);
    expect(evidenced.sort()).toEqual(
      [...new Set([...question.leadershipPrinciples, 'dive-deep'])].sort(),
    );
    const diveDeep = report.principles.find((p) => p.id === 'dive-deep')!;
    expect(diveDeep.sources).toContainEqual({ round: 0, title: round!.title, via: 'star' });

    const md = await request(client.url)
      .get(`/api/loops/${loop.id}/report.md`)
      .set('Authorization', `Bearer ${loop.tokens.candidate}`)
      .expect(200);
    expect(md.text).toMatch(/^Mode: paired · Level targeted: L6 \(senior, owns a system\) · /m);
    expect(md.text).toContain('| Dimension | Self | Partner | Gap |');
    expect(md.text).toMatch(/Hint 1 at 2\.0 min: /);
    expect(md.text).toMatch(/Follow-up 1 at 6\.0 min: /);
    expect(md.text).toContain('## Leadership Principles');
  });

  it('counts the story question that opens a technical round, with its own ledger', async () => {
    const loop = await client.createPaired([{ id: 'system-design' }]);
    const { interviewer } = await client.joinAll(loop);
    const send = (event: string, payload: object) =>
      interviewer.emit(event, { commandId: cid(), round: 0, ...payload });

    await send('round:start', {});
    await clock.advance(1 * MINUTE_MS);
    await send('followup:push', { index: 1, part: 'lp' });
    await clock.advance(1 * MINUTE_MS);
    await send('hint:reveal', { index: 0, part: 'lp' });
    await send('signal:tick', { index: 0, checked: true, part: 'lp' });
    await send('round:end', {});
    const lp = interviewer.latest.rounds[0]!.lp!;
    const question = content.question(lp.roundId, lp.question.id)!;

    const res = await request(client.url)
      .get(`/api/loops/${loop.id}/report.json`)
      .set('Authorization', `Bearer ${loop.tokens.interviewer}`)
      .expect(200);
    const [round] = (res.body as LoopReport).rounds;
    expect(round!.lpQuestion).toEqual({
      id: question.id,
      prompt: question.prompt,
      leadershipPrinciples: question.leadershipPrinciples,
      hintsUsed: 1,
      signalsHeard: [question.signals[0]],
    });
    expect(round!.hintsUsed).toBe(0);
    expect(round!.ledger).toEqual([
      {
        kind: 'follow-up',
        part: 'lp',
        index: 1,
        text: question.followUps[1]!.text,
        afterMs: MINUTE_MS,
      },
      { kind: 'hint', part: 'lp', index: 0, text: question.hints[0], afterMs: 2 * MINUTE_MS },
    ]);
    expect(round!.dimensions.map((d) => d.id)).toContain(LP_DIMENSION_ID);
    const principles = (res.body as LoopReport).principles;
    // The round's own question may target some of the same principles (the draw is random).
    const own = questionOf(interviewer.latest, 0).leadershipPrinciples ?? [];
    for (const id of question.leadershipPrinciples)
      expect(principles.find((p) => p.id === id)!.sources).toEqual([
        ...(own.includes(id) ? [{ round: 0, title: round!.title, via: 'question' }] : []),
        { round: 0, title: round!.title, via: 'lp-question' },
      ]);

    const md = await request(client.url)
      .get(`/api/loops/${loop.id}/report.md`)
      .set('Authorization', `Bearer ${loop.tokens.interviewer}`)
      .expect(200);
    expect(md.text).toContain('Opening Leadership Principle question: ');
    expect(md.text).toMatch(/Opening story — Follow-up 2 at 1\.0 min: /);
    expect(md.text).toContain('(opening story question)');
  });

  it('counts no principle from a round that was skipped', async () => {
    const loop = await client.createPaired([{ id: 'behavioral' }, { id: 'bar-raiser' }]);
    const { interviewer } = await client.joinAll(loop);
    const send = (event: string, round: number) =>
      interviewer.emit(event, { commandId: cid(), round });
    expect((await send('round:next', 0)).ok).toBe(true);
    expect((await send('round:start', 1)).ok).toBe(true);
    expect((await send('round:end', 1)).ok).toBe(true);
    const skipped = questionOf(interviewer.latest, 0).leadershipPrinciples ?? [];
    const ran = questionOf(interviewer.latest, 1).leadershipPrinciples ?? [];
    expect(skipped.length).toBeGreaterThan(0);

    const res = await request(client.url)
      .get(`/api/loops/${loop.id}/report.json`)
      .set('Authorization', `Bearer ${loop.tokens.interviewer}`)
      .expect(200);
    const report = res.body as LoopReport;
    expect(report.rounds[0]!.status).toBe('done');
    const sources = report.principles.flatMap((p) => p.sources);
    expect(sources.filter((s) => s.round === 0)).toEqual([]);
    for (const id of ran)
      expect(report.principles.find((p) => p.id === id)!.sources).toContainEqual({
        round: 1,
        title: report.rounds[1]!.title,
        via: 'question',
      });
  });
});
