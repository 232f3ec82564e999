/** A participant's code editor in tests: the round's code document, kept in step through the server. */
import type { Peer } from './paired';
import { DocEditor } from './docs';

export class Editor extends DocEditor {
  /** The code, as a Yjs text. */
  readonly text = this.textOf('code');

  constructor(
    readonly peer: Peer,
    readonly questionId: string,
    round = 0,
  ) {
    super(peer.socket, { kind: 'code', round, questionId });
  }
}
