/**
 * The texts of a document the server holds, kept as one string each. Yjs joins each typed
 * run to the run before it by appending (`str += next`), and V8 keeps an appended string
 * as a tree with a 32-byte node per append: a note typed one key at a time would hold a
 * node per keystroke (5,000 characters: 159 KB instead of 8 KB). Reading a character
 * flattens a tree in place.
 */
import * as Y from 'yjs';

/** Flattens the text of one run, if it holds text. */
function flatten(struct: Y.Item | Y.GC | undefined): void {
  if (struct instanceof Y.Item && struct.content instanceof Y.ContentString)
    struct.content.str.charCodeAt(0);
}

/**
 * After loading a document from many updates: flattens every text, and gives each
 * client's list of runs back the room it had for the runs since joined (a list keeps its
 * largest length's room: 8 bytes per update loaded).
 */
export function flattenAll(doc: Y.Doc): void {
  for (const [client, structs] of doc.store.clients) {
    structs.forEach(flatten);
    doc.store.clients.set(client, structs.slice());
  }
}

/** Flattens the texts an applied update added to (the runs its items were joined to). */
export function flattenApplied(doc: Y.Doc, structs: readonly (Y.Item | Y.GC | Y.Skip)[]): void {
  for (const { id } of structs) {
    // Not integrated yet (waiting for an earlier update): nothing joined it.
    if (Y.getState(doc.store, id.client) <= id.clock) continue;
    const held = doc.store.clients.get(id.client);
    if (held) flatten(held[Y.findIndexSS(held, id.clock)]);
  }
}

/** Runs are collected once deleted (Yjs's default, one function for every document). */
const COLLECT_DELETED = () => true;

/**
 * A new copy of a document for the server to hold, named by its key. A Yjs document is
 * built for a browser's providers: it listens to its own `load` and `sync` events to
 * settle its `whenLoaded` and `whenSynced` promises. The server never loads subdocuments
 * or awaits a provider, so those listeners go (about 950 bytes per document held).
 */
export function heldDoc(guid: string): Y.Doc {
  const doc = new Y.Doc({ guid, gcFilter: COLLECT_DELETED });
  doc._observers.clear();
  return doc;
}
