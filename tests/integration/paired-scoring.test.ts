/**
 * A paired loop driven from the outside, over real sockets against a real server whose
 * clock only moves when told: blind scoring, and when each side's card is revealed.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { card, commandIds, pairedServer, versionOf } from '../helpers/paired';

/** This file's own server, on a clock that moves only when told, and a client of it. */
const { client, clock } = pairedServer();

/** A fresh, valid command id. */
const cid = commandIds('paired-cmd');

describe('a paired loop over Socket.IO', () => {
  it('keeps scores blind until both have scored, then shows both cards to both', async () => {
    const loop = await client.createPaired();
    const { interviewer, candidate, observer, all } = await client.joinAll(loop);
    versionOf(await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 0 }));

    // The candidate scores only once the round is over; the interviewer may score during it.
    expect(
      await candidate.socket.emitWithAck('score:submit', {
        commandId: cid(),
        round: 0,
        card: card('screen', 4, 'too early'),
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const partnerCard = card('screen', 2, 'Interviewer: thin on scope and impact');
    const scored = versionOf(
      await interviewer.socket.emitWithAck('score:submit', {
        commandId: cid(),
        round: 0,
        card: partnerCard,
      }),
    );
    const blind = await candidate.atVersion(scored);
    expect(blind.rounds[0]!.scores).toEqual({ partner: { submitted: true, card: null } });
    expect(blind.rounds[0]!.scoresRevealed).toBe(false);
    expect(JSON.stringify(blind)).not.toContain('thin on scope');
    const own = await interviewer.atVersion(scored);
    expect(own.rounds[0]!.scores.partner).toEqual({
      submitted: true,
      card: { ...partnerCard, submittedAt: clock.now() },
    });
    expect((await observer.atVersion(scored)).rounds[0]!.scores.partner?.card).not.toBeNull();
    // One score per side.
    expect(
      await interviewer.socket.emitWithAck('score:submit', {
        commandId: cid(),
        round: 0,
        card: partnerCard,
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });

    versionOf(await interviewer.socket.emitWithAck('round:end', { commandId: cid(), round: 0 }));
    await clock.advance(5_000);
    const selfCard = card('screen', 3, 'Candidate: I think it went fine');
    const selfScored = versionOf(
      await candidate.socket.emitWithAck('score:submit', {
        commandId: cid(),
        round: 0,
        card: selfCard,
      }),
    );
    const both = { ...selfCard, submittedAt: clock.now() };
    for (const peer of all) {
      const round = (await peer.atVersion(selfScored)).rounds[0]!;
      expect(round.scoresRevealed, peer.name).toBe(true);
      expect(round.scores, peer.name).toEqual({
        self: { submitted: true, card: both },
        partner: { submitted: true, card: own.rounds[0]!.scores.partner!.card },
      });
    }
    // The interviewer's view of round 1 before the candidate scored it: self submitted, blind.
    versionOf(await interviewer.socket.emitWithAck('round:next', { commandId: cid(), round: 0 }));
    versionOf(await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 1 }));
    versionOf(await interviewer.socket.emitWithAck('round:end', { commandId: cid(), round: 1 }));
    const candidateFirst = versionOf(
      await candidate.socket.emitWithAck('score:submit', {
        commandId: cid(),
        round: 1,
        card: card('behavioral', 3, 'Candidate: round two'),
      }),
    );
    expect((await interviewer.atVersion(candidateFirst)).rounds[1]!.scores).toEqual({
      self: { submitted: true, card: null },
    });
    for (const peer of all) peer.close();
  });

  it("shows the interviewer's card to the candidate once the loop ends, even unscored by the candidate", async () => {
    const loop = await client.createPaired();
    const { interviewer, candidate, all } = await client.joinAll(loop);
    versionOf(await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 0 }));
    const partnerCard = card('screen', 3, 'Interviewer: solid fundamentals');
    const scored = versionOf(
      await interviewer.socket.emitWithAck('score:submit', {
        commandId: cid(),
        round: 0,
        card: partnerCard,
      }),
    );
    expect((await candidate.atVersion(scored)).rounds[0]!.scores.partner).toEqual({
      submitted: true,
      card: null,
    });

    const ended = versionOf(await interviewer.socket.emitWithAck('loop:end', { commandId: cid() }));
    const view = await candidate.atVersion(ended);
    expect(view.status).toBe('ended');
    expect(view.rounds[0]!.scoresRevealed).toBe(true);
    expect(view.rounds[0]!.scores).toEqual({
      partner: { submitted: true, card: { ...partnerCard, submittedAt: clock.now() } },
    });
    expect(view.debrief).not.toBeNull();
    const report = await request(client.url)
      .get(`/api/loops/${loop.id}/report.json`)
      .set('Authorization', `Bearer ${loop.tokens.candidate}`)
      .expect(200);
    expect(report.body.rounds[0].partner).toMatchObject({
      vote: 3,
      justification: partnerCard.justification,
    });
    // Scoring is over once the loop has ended.
    expect(
      await candidate.socket.emitWithAck('score:submit', {
        commandId: cid(),
        round: 0,
        card: card('screen', 3, 'late'),
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    for (const peer of all) peer.close();
  });
});
