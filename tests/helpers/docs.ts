/**
 * A participant's copy of a shared document in tests (code, notes, private notes, a STAR
 * answer): a Yjs document kept in step through the server, as the app's client keeps it.
 */
import * as Y from 'yjs';
import { DOC_TEXTS, sameDoc, type DocRef } from '../../shared/src/docs';
import type { Ack } from '../../shared/src/errors';
import type { TestSocket } from './test-server';

type AnyEmit = (event: string, payload: unknown) => Promise<Ack<Record<string, unknown>>>;
const emitOn = (socket: TestSocket) => socket.emitWithAck.bind(socket) as unknown as AnyEmit;

export class DocEditor {
  readonly doc = new Y.Doc();
  /** The acks of every update sent so far, in order. */
  readonly acks: Promise<Ack<Record<string, unknown>>>[] = [];

  constructor(
    readonly socket: TestSocket,
    readonly ref: DocRef,
  ) {
    socket.on('doc:edited', ({ doc, update }) => {
      if (sameDoc(doc, ref)) Y.applyUpdate(this.doc, new Uint8Array(update), 'remote');
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      this.acks.push(emitOn(this.socket)('doc:edit', { doc: this.ref, update }));
    });
  }

  /** One of the document's texts as a Yjs type. */
  textOf(name = DOC_TEXTS[this.ref.kind][0]!): Y.Text {
    return this.doc.getText(name);
  }

  /** Catches up with the server (as on opening the document); throws on a refusal. */
  async join(): Promise<this> {
    const reply = await this.sync();
    if (!reply.ok) throw new Error(`doc:sync refused: ${reply.error.message}`);
    return this;
  }

  /** Asks the server for what this copy lacks and applies it; the server's reply. */
  async sync(): Promise<Ack<Record<string, unknown>>> {
    const reply = await emitOn(this.socket)('doc:sync', {
      doc: this.ref,
      stateVector: Y.encodeStateVector(this.doc),
    });
    if (reply.ok)
      Y.applyUpdate(this.doc, new Uint8Array(reply.data.update as Uint8Array), 'remote');
    return reply;
  }

  /** Replaces a text with `value` as one update; resolves with the server's ack. */
  set(value: string, name?: string): Promise<Ack<Record<string, unknown>>> {
    const text = this.textOf(name);
    this.doc.transact(() => {
      text.delete(0, text.length);
      text.insert(0, value);
    });
    return this.acks.at(-1)!;
  }

  /** Appends `value` to a text as one update; resolves with the server's ack. */
  append(value: string, name?: string): Promise<Ack<Record<string, unknown>>> {
    const text = this.textOf(name);
    text.insert(text.length, value);
    return this.acks.at(-1)!;
  }

  /** Every update sent so far, acknowledged. */
  settled(): Promise<Ack<Record<string, unknown>>[]> {
    return Promise.all(this.acks);
  }

  /** Stops listening; the document is dropped. */
  close(): void {
    this.doc.destroy();
  }
}

/**
 * Opens a document on `socket`, replaces its texts with `texts` (by name; a string for a
 * document of one text) and resolves with the ack of that edit: what a person typing it
 * does, in one go. The server has stored it once this resolves.
 */
export async function writeDoc(
  socket: TestSocket,
  ref: DocRef,
  texts: string | Record<string, string>,
): Promise<Ack<Record<string, unknown>>> {
  const editor = new DocEditor(socket, ref);
  const opened = await editor.sync();
  if (!opened.ok) return opened;
  const named = typeof texts === 'string' ? { [DOC_TEXTS[ref.kind][0]!]: texts } : texts;
  editor.doc.transact(() => {
    for (const [name, value] of Object.entries(named)) {
      const text = editor.textOf(name);
      text.delete(0, text.length);
      text.insert(0, value);
    }
  });
  const ack = await (editor.acks.at(-1) ?? Promise.resolve({ ok: true as const, data: {} }));
  editor.close();
  return ack;
}

/** The round's shared notes, typed by whoever holds `socket`. */
export const writeNotes = (socket: TestSocket, round: number, text: string) =>
  writeDoc(socket, { kind: 'notes', round }, text);

/** The interviewer's private notes of a round. */
export const writePrivateNotes = (socket: TestSocket, round: number, text: string) =>
  writeDoc(socket, { kind: 'private-notes', round }, text);
