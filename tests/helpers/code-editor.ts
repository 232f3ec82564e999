/** A participant's code editor in tests: a Yjs document kept in step through the server. */
import * as Y from 'yjs';
import { CODE_TEXT } from '../../server/src/workspaces/code-docs';
import type { Peer } from './paired';

export class Editor {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText(CODE_TEXT);
  private readonly sent: Promise<unknown>[] = [];

  constructor(
    readonly peer: Peer,
    readonly questionId: string,
  ) {
    peer.socket.on('code:edited', ({ update }) =>
      Y.applyUpdate(this.doc, new Uint8Array(update), 'remote'),
    );
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      this.sent.push(this.peer.emit('code:edit', { round: 0, questionId, update }));
    });
  }

  async join(): Promise<void> {
    const reply = await this.peer.emit('code:sync', {
      round: 0,
      questionId: this.questionId,
      stateVector: Y.encodeStateVector(this.doc),
    });
    if (!reply.ok) throw new Error(reply.error.message);
    Y.applyUpdate(this.doc, new Uint8Array(reply.data.update as Uint8Array), 'remote');
  }

  /** Every update sent so far, acknowledged. */
  async settled() {
    return Promise.all(this.sent);
  }
}
