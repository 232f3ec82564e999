/**
 * The token that marks a document's latest stored edit as not yet written into the log.
 * Saving clears the mark only if the token is still the one it read, so an edit stored
 * meanwhile keeps its document marked. It must differ from every earlier token of the same
 * document, on any node: a prefix drawn once per process and a counter, which is cheaper
 * per keystroke than a random id.
 */
import { randomUUID } from 'node:crypto';

const prefix = randomUUID().slice(0, 13);
let counter = 0;

export const nextUnsavedToken = (): string => `${prefix}-${(++counter).toString(36)}`;
