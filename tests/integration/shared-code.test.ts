/**
 * The shared code editor over real sockets: two participants edit one Yjs document at
 * once and converge, a late joiner gets the current text, the text is saved into the
 * loop, and anything that is not a plain-text edit of the code is refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Editor } from '../helpers/code-editor';
import { languageFor, starterFor } from '../../shared/src/code';
import { pairedServer, PairedClient, questionOf, type Peer } from '../helpers/paired';
import request from 'supertest';
import { openSqliteStore } from '../../server/src/store/sqlite-store';
import { startTestServer } from '../helpers/test-server';

const { client } = pairedServer();

async function codingPair(c: PairedClient = client) {
  const loop = await c.createPaired([{ id: 'coding' }]);
  const peers = await c.joinAll(loop);
  const question = questionOf(peers.interviewer.latest, 0);
  return { loop, ...peers, question };
}

describe('shared code editor', () => {
  it('starts from the signature, lets both type at once and ends with the same text for all', async () => {
    const { interviewer, candidate, observer, question } = await codingPair();
    const a = new Editor(candidate, question.id);
    const b = new Editor(interviewer, question.id);
    await Promise.all([a.join(), b.join()]);
    const starter = starterFor(question, 'python');
    expect(a.text.toString()).toBe(starter);

    // Both type into the same document at the same moments, at different places.
    for (let i = 0; i < 20; i++) {
      a.text.insert(a.text.length, `a${i} `);
      b.text.insert(0, `b${i} `);
    }
    const acks = [...(await a.settled()), ...(await b.settled())] as { ok: boolean }[];
    expect(acks.every((ack) => ack.ok)).toBe(true);
    // A round trip each: every relayed edit sent before it has arrived.
    await candidate.flush();
    await interviewer.flush();
    expect(a.text.toString()).toBe(b.text.toString());
    for (let i = 0; i < 20; i++) {
      expect(a.text.toString()).toContain(`a${i} `);
      expect(a.text.toString()).toContain(`b${i} `);
    }

    // A late joiner gets exactly the current text.
    const late = new Editor(observer, question.id);
    await late.join();
    expect(late.text.toString()).toBe(a.text.toString());

    // Typing is not a change to the loop: its text is saved into the log before the loop
    // is next viewed.
    const saved = (await candidate.sync()).rounds[0]?.code;
    expect(saved?.text).toBe(a.text.toString());
    expect(saved?.language).toBe(languageFor(question));
  });

  it('refuses the observer, another question, foreign types, garbage and oversized text', async () => {
    const { candidate, observer, question } = await codingPair();
    const editor = new Editor(candidate, question.id);
    await editor.join();
    const edit = (peer: Peer, update: Uint8Array, questionId = question.id) =>
      peer.emit('doc:edit', { doc: { kind: 'code', round: 0, questionId }, update });
    const codeOf = (ack: { ok: boolean; error?: { code: string } }) =>
      ack.ok ? 'ok' : ack.error!.code;

    const typed = new Y.Doc();
    Y.applyUpdate(typed, Y.encodeStateAsUpdate(editor.doc));
    const before = Y.encodeStateVector(typed);
    typed.getText('code').insert(0, '# hi\n');
    const valid = Y.encodeStateAsUpdate(typed, before);
    expect(codeOf(await edit(observer, valid))).toBe('forbidden');
    expect(codeOf(await edit(candidate, valid, 'another-question'))).toBe('conflict');

    const foreign = new Y.Doc();
    foreign.getMap('stash').set('x', 'y'.repeat(100));
    expect(codeOf(await edit(candidate, Y.encodeStateAsUpdate(foreign)))).toBe('bad-request');
    const formatted = new Y.Doc();
    formatted.getText('code').insert(0, 'x', { bold: true });
    expect(codeOf(await edit(candidate, Y.encodeStateAsUpdate(formatted)))).toBe('bad-request');
    expect(codeOf(await edit(candidate, new Uint8Array([255, 255, 255, 1, 2, 3])))).toBe(
      'bad-request',
    );
    expect(
      codeOf(
        await candidate.emit('doc:edit', {
          doc: { kind: 'code', round: 0, questionId: question.id },
          update: 'text',
        }),
      ),
    ).toBe('bad-request');
    const huge = new Y.Doc();
    huge.getText('code').insert(0, 'x'.repeat(30_000));
    const hugeUpdate = Y.encodeStateAsUpdate(huge);
    expect(codeOf(await edit(candidate, hugeUpdate))).toBe('ok');
    const more = new Y.Doc();
    more.getText('code').insert(0, 'y'.repeat(25_000));
    expect(codeOf(await edit(candidate, Y.encodeStateAsUpdate(more)))).toBe('bad-request');

    // The valid edit still applies afterwards.
    expect(codeOf(await edit(candidate, valid))).toBe('ok');
  });

  it('holds the length limit whatever order a chain of edits arrives in', async () => {
    const { candidate, interviewer, question } = await codingPair();
    const editor = new Editor(candidate, question.id);
    await editor.join();
    // A chain of six edits of 12,000 characters each, each after the one before.
    const attacker = new Y.Doc();
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(editor.doc));
    const chain: Uint8Array[] = [];
    for (let i = 0; i < 6; i++) {
      const before = Y.encodeStateVector(attacker);
      const text = attacker.getText('code');
      text.insert(text.length, String(i).repeat(12_000));
      chain.push(Y.encodeStateAsUpdate(attacker, before));
    }
    const edit = (update: Uint8Array) =>
      candidate.emit('doc:edit', {
        doc: { kind: 'code', round: 0, questionId: question.id },
        update,
      });
    // Edits 2–6 first: they wait for edit 1, and what waits counts against the limit.
    const acks = [];
    for (const update of [...chain.slice(1), chain[0]!]) acks.push(await edit(update));
    const refused = acks.filter((ack) => !ack.ok);
    expect(refused.length).toBeGreaterThan(0);
    for (const ack of refused)
      expect(ack).toMatchObject({
        ok: false,
        error: { code: 'bad-request', message: 'the code may be at most 50000 characters' },
      });
    // Whatever got in, the document and the loop never hold more than the limit.
    const late = new Editor(interviewer, question.id);
    await late.join();
    expect(late.text.length).toBeLessThanOrEqual(50_000);
    await candidate.flush();
    const saved = candidate.latest.rounds[0]!.code?.text ?? '';
    expect(saved.length).toBeLessThanOrEqual(50_000);
  });

  it('caps the edits a document holds waiting for an earlier one', async () => {
    const { candidate, question } = await codingPair();
    const editor = new Editor(candidate, question.id);
    await editor.join();
    const attacker = new Y.Doc();
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(editor.doc));
    const text = attacker.getText('code');
    text.insert(0, 'first'); // never sent: everything after it waits
    const waiting: Uint8Array[] = [];
    for (let i = 0; i < 8; i++) {
      const before = Y.encodeStateVector(attacker);
      // Many two-character inserts at scattered places: little text, many bytes.
      for (let j = 0; j < 350; j++) text.insert(j % 7, 'ab');
      waiting.push(Y.encodeStateAsUpdate(attacker, before));
    }
    const messages = [];
    for (const update of waiting) {
      const ack = await candidate.emit('doc:edit', {
        doc: { kind: 'code', round: 0, questionId: question.id },
        update,
      });
      messages.push(ack.ok ? 'ok' : ack.error.message);
    }
    expect(messages).toContain(
      'too many edits are waiting for an earlier one (at most 64 edits, 64 KB); reload the page',
    );
    // An ordinary edit from the real editor still goes through.
    editor.text.insert(0, '# still here\n');
    expect((await editor.settled()).every((ack) => (ack as { ok: boolean }).ok)).toBe(true);
  });

  it('saves code stored by another node into the log before any view of the loop', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mockloop-unsaved-'));
    try {
      const server = await startTestServer({ dataDir });
      const peers = new PairedClient(() => server.url);
      const { loop, candidate, question } = await codingPair(peers);
      const editor = new Editor(candidate, question.id);
      await editor.join();
      // Another node, sharing the store, took an edit and died before saving it into the log.
      const other = openSqliteStore(dataDir);
      const remote = new Y.Doc();
      Y.applyUpdate(remote, Y.encodeStateAsUpdate(editor.doc));
      const before = Y.encodeStateVector(remote);
      remote.getText('code').insert(0, '# from the other node\n');
      await other.workspaces.appendDocUpdate(
        loop.id,
        `0:${question.id}`,
        Y.encodeStateAsUpdate(remote, before),
      );
      await other.close();
      const view = await request(server.url)
        .get(`/api/loops/${loop.id}`)
        .set('Authorization', `Bearer ${loop.tokens.interviewer}`)
        .expect(200);
      expect(view.body.rounds[0].code.text).toBe(remote.getText('code').toString());
      candidate.close();
      await server.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses code sync for a round without an editor', async () => {
    const loop = await client.createPaired([{ id: 'screen' }]);
    const candidate = await client.join('candidate', loop.id, loop.tokens.candidate);
    const reply = await candidate.emit('doc:sync', {
      doc: { kind: 'code', round: 0, questionId: candidate.latest.rounds[0]!.question.id },
      stateVector: new Uint8Array([0]),
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    candidate.close();
  });

  it('keeps acknowledged edits across a server restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mockloop-code-'));
    try {
      const first = await startTestServer({ dataDir });
      const firstClient = new PairedClient(() => first.url);
      const { loop, candidate, question } = await codingPair(firstClient);
      const editor = new Editor(candidate, question.id);
      await editor.join();
      editor.text.insert(0, '# kept\n');
      expect((await editor.settled()).every((ack) => (ack as { ok: boolean }).ok)).toBe(true);
      const expected = editor.text.toString();
      await first.close();

      const second = await startTestServer({ dataDir });
      const rejoined = await new PairedClient(() => second.url).join(
        'candidate',
        loop.id,
        loop.tokens.candidate,
      );
      const fresh = new Editor(rejoined, question.id);
      await fresh.join();
      expect(fresh.text.toString()).toBe(expected);
      rejoined.close();
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
