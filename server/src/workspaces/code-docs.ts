/**
 * The shared code editor's documents. Each coding round's code is a Yjs document per
 * question, kept in memory while in use and stored as its Yjs updates, each written
 * before it is acknowledged. The text is also saved into the loop's event log a moment
 * after typing stops, so the review and reports read it like any other loop data.
 *
 * Several nodes may hold the same document: before answering a sync or saving the text,
 * a node applies every stored update, so it always speaks for what all of them stored.
 */
import * as Y from 'yjs';
import type { CatalogIndex } from '@mockloop/shared/catalog-index';
import { CODE_MAX_CHARS, starterFor } from '@mockloop/shared/code';
import { fail, type Ack } from '@mockloop/shared/errors';
import type { LoopRound, Role } from '@mockloop/shared/loop/state';
import type { Logger } from '../log';
import type { LoopService } from '../loops/loop-service';
import type { Quotas } from '../quotas';
import type { WorkspaceStore } from '../store/store';
import { workspaceAccess, type WorkspaceAccess } from './access';

/** The name of the one shared type in a code document. */
export const CODE_TEXT = 'code';
/** Largest Yjs update accepted in one message, in bytes. */
export const CODE_UPDATE_MAX_BYTES = 32 * 1024;
/**
 * Most updates, and bytes of them, a document may hold waiting for an earlier update they
 * depend on. A client sends its edits in order, so only a node that has not yet read
 * another node's edit ever holds any, briefly.
 */
export const CODE_WAITING_MAX = { updates: 64, bytes: 64 * 1024 };
const SNAPSHOT_AFTER_IDLE_MS = 1_000;
const COMPACT_EVERY_UPDATES = 200;
const EVICT_AFTER_IDLE_MS = 10 * 60_000;
/**
 * The client id of the update that seeds a new document. Every node seeding the same
 * document writes the very same update, so two nodes opening it at once do not double
 * the starter code: Yjs applies an update it already has as nothing.
 */
const SEED_CLIENT_ID = 1;

interface LiveDoc {
  loopId: string;
  round: number;
  questionId: string;
  key: string;
  doc: Y.Doc;
  stored: number;
  /** The text changed since it was last saved into the event log. */
  dirty: boolean;
  /** Updates applied while the document held edits waiting for an earlier one. */
  waiting: { updates: number; bytes: number };
  snapshotTimer: NodeJS.Timeout | null;
  evictTimer: NodeJS.Timeout | null;
}

export interface CodeDocsDeps {
  service: LoopService;
  store: WorkspaceStore;
  content: CatalogIndex;
  log: Logger;
  quotas?: Pick<Quotas, 'allowWrite' | 'wrote'>;
}

/** Why an update is refused, or null when it only edits the one shared text. */
function checkUpdate(update: Uint8Array): string | null {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return 'the update is not a valid Yjs update';
  }
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Decoded, not yet integrated: a root item names its type; any other points at an item.
    const parent = struct.parent as unknown;
    const rootOk = parent === null || parent === CODE_TEXT;
    if (!rootOk || struct.parentSub !== null)
      return 'the update touches something other than the code';
    if (!(struct.content instanceof Y.ContentString || struct.content instanceof Y.ContentDeleted))
      return 'the code may only hold plain text';
  }
  return null;
}

/** Characters inserted by the updates a document holds that wait for an earlier one. */
function pendingChars(doc: Y.Doc): number {
  const pending = doc.store.pendingStructs;
  if (!pending) return 0;
  let chars = 0;
  for (const struct of Y.decodeUpdate(pending.update).structs)
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentString)
      chars += struct.content.str.length;
  return chars;
}

const isWaiting = (doc: Y.Doc) => Boolean(doc.store.pendingStructs || doc.store.pendingDs);

/**
 * Why a document is over its limits once `update` is applied, or null: the updates held
 * waiting for an earlier one, and the text with what waits to join it. Updates that wait
 * are counted as if they had arrived, so a chain sent out of order cannot slip past the
 * limit. Returns the waiting tally the document would have.
 */
function checkLimits(
  doc: Y.Doc,
  waiting: LiveDoc['waiting'],
  update: Uint8Array,
): { problem: string | null; waiting: LiveDoc['waiting'] } {
  const next = isWaiting(doc)
    ? { updates: waiting.updates + 1, bytes: waiting.bytes + update.byteLength }
    : { updates: 0, bytes: 0 };
  if (next.updates > CODE_WAITING_MAX.updates || next.bytes > CODE_WAITING_MAX.bytes)
    return {
      problem: `too many edits are waiting for an earlier one (at most ${CODE_WAITING_MAX.updates} edits, ${CODE_WAITING_MAX.bytes / 1024} KB); reload the editor`,
      waiting,
    };
  if (doc.getText(CODE_TEXT).length + pendingChars(doc) > CODE_MAX_CHARS)
    return { problem: `the code may be at most ${CODE_MAX_CHARS} characters`, waiting };
  return { problem: null, waiting: next };
}

/** A document's key, `${round}:${questionId}`, taken apart. */
function splitKey(key: string): [number, string] {
  const colon = key.indexOf(':');
  return [Number(key.slice(0, colon)), key.slice(colon + 1)];
}

/** Applies stored updates in one transaction; those the document already has change nothing. */
function applyAll(doc: Y.Doc, updates: readonly Uint8Array[]): void {
  Y.transact(doc, () => updates.forEach((update) => Y.applyUpdate(doc, update)));
}

export class CodeDocs {
  private readonly docs = new Map<string, LiveDoc>();
  /** Documents being loaded, so that two requests at once share one load. */
  private readonly opening = new Map<string, Promise<LiveDoc>>();
  private readonly access: WorkspaceAccess;

  constructor(private readonly deps: CodeDocsDeps) {
    this.access = workspaceAccess(deps, 'code');
  }

  /** What the client lacks, given its state vector; the document is loaded if needed. */
  async sync(
    loopId: string,
    role: Role,
    round: number,
    questionId: string,
    stateVector: Uint8Array,
  ): Promise<Ack<{ update: Uint8Array }>> {
    const access = await this.access({ loopId, role, round, questionId, write: false });
    if (!access.ok) return access;
    const { live, fresh } = await this.open(loopId, round, access.data.round);
    // A document held here may lack what other nodes stored since; one just read does not.
    if (!fresh) await this.catchUp(live);
    try {
      return { ok: true, data: { update: Y.encodeStateAsUpdate(live.doc, stateVector) } };
    } catch {
      return fail('bad-request', 'the state vector is not valid');
    }
  }

  /** Applies and stores one client update. */
  async edit(
    loopId: string,
    role: Role,
    round: number,
    questionId: string,
    update: Uint8Array,
  ): Promise<Ack<Record<string, never>>> {
    const access = await this.access({ loopId, role, round, questionId, write: true });
    if (!access.ok) return access;
    if (update.byteLength > CODE_UPDATE_MAX_BYTES)
      return fail('bad-request', `an update may be at most ${CODE_UPDATE_MAX_BYTES} bytes`);
    const invalid = checkUpdate(update);
    if (invalid) return fail('bad-request', invalid);
    const room = await this.deps.quotas?.allowWrite(loopId, update.byteLength, 'typing');
    if (room && !room.ok) return room;
    const { live } = await this.open(loopId, round, access.data.round);
    Y.applyUpdate(live.doc, update);
    // An edit that waits for another may be waiting for another node's: read those first.
    if (isWaiting(live.doc)) await this.catchUp(live);
    const { problem, waiting } = checkLimits(live.doc, live.waiting, update);
    if (problem) {
      // Not stored: the document goes back to what the store holds.
      await this.reload(live);
      return fail('bad-request', problem);
    }
    live.waiting = waiting;
    // Stored even when the text did not change: it may hold edits waiting for others.
    await this.deps.store.appendCodeUpdate(loopId, live.key, update);
    this.deps.quotas?.wrote(loopId, update.byteLength);
    if (++live.stored >= COMPACT_EVERY_UPDATES) {
      live.stored = 1;
      await this.deps.store.compactCode(loopId, live.key, Y.mergeUpdates);
    }
    if (live.dirty) this.scheduleSnapshot(live);
    return { ok: true, data: {} };
  }

  /** Saves every pending text and forgets all documents (server shutdown, tests). */
  async stop(): Promise<void> {
    await Promise.all([...this.docs.values()].map((live) => this.close(live)));
  }

  /** The document, held or loaded; `fresh` when just read from the store here. */
  private async open(
    loopId: string,
    round: number,
    state: LoopRound,
  ): Promise<{ live: LiveDoc; fresh: boolean }> {
    const key = `${round}:${state.questionId}`;
    const id = `${loopId}/${key}`;
    let live = this.docs.get(id);
    const fresh = !live;
    if (!live) {
      let loading = this.opening.get(id);
      if (!loading) {
        loading = this.load(loopId, round, state, key).finally(() => this.opening.delete(id));
        this.opening.set(id, loading);
      }
      live = await loading;
    }
    // Forgotten after a while unused; the store keeps everything.
    if (live.evictTimer) clearTimeout(live.evictTimer);
    const opened = live;
    live.evictTimer = setTimeout(() => void this.close(opened), EVICT_AFTER_IDLE_MS);
    live.evictTimer.unref();
    return { live, fresh };
  }

  private async load(
    loopId: string,
    round: number,
    state: LoopRound,
    key: string,
  ): Promise<LiveDoc> {
    const doc = new Y.Doc();
    const updates = await this.deps.store.codeUpdates(loopId, key);
    // A new document starts from the saved text, or from the question's signature.
    const question = this.deps.content.question(state.roundId, state.questionId);
    const seed = state.code?.text || starterFor(question, state.code?.language);
    if (updates.length) {
      applyAll(doc, updates);
    } else {
      const seeding = new Y.Doc();
      seeding.clientID = SEED_CLIENT_ID;
      seeding.getText(CODE_TEXT).insert(0, seed);
      const update = Y.encodeStateAsUpdate(seeding);
      seeding.destroy();
      Y.applyUpdate(doc, update);
      // The starter code is not typing: nothing to save into the log.
      await this.deps.store.appendCodeUpdate(loopId, key, update, false);
    }
    const live: LiveDoc = {
      loopId,
      round,
      questionId: state.questionId,
      key,
      doc,
      stored: Math.max(updates.length, 1),
      dirty: false,
      waiting: { updates: 0, bytes: 0 },
      snapshotTimer: null,
      evictTimer: null,
    };
    this.docs.set(`${loopId}/${key}`, live);
    this.watch(live, doc);
    // A restart may have come between an edit and its snapshot. Untouched starter code
    // is not saved: opening a document must not change the loop.
    const text = doc.getText(CODE_TEXT).toString();
    if (text !== (state.code?.text ?? '') && text !== seed) {
      live.dirty = true;
      this.scheduleSnapshot(live);
    }
    return live;
  }

  /** Replaces a held document's contents with what the store holds. */
  private async reload(live: LiveDoc): Promise<void> {
    const doc = new Y.Doc();
    applyAll(doc, await this.deps.store.codeUpdates(live.loopId, live.key));
    this.watch(live, doc);
    live.doc.destroy();
    live.doc = doc;
  }

  /** Marks the document dirty whenever its text changes. */
  private watch(live: LiveDoc, doc: Y.Doc): void {
    doc.getText(CODE_TEXT).observe(() => (live.dirty = true));
  }

  /** Applies whatever other nodes stored since; updates already held change nothing. */
  private async catchUp(live: LiveDoc): Promise<void> {
    applyAll(live.doc, await this.deps.store.codeUpdates(live.loopId, live.key));
  }

  private scheduleSnapshot(live: LiveDoc): void {
    if (live.snapshotTimer) clearTimeout(live.snapshotTimer);
    live.snapshotTimer = setTimeout(() => void this.snapshot(live), SNAPSHOT_AFTER_IDLE_MS);
    live.snapshotTimer.unref();
  }

  private async snapshot(live: LiveDoc): Promise<void> {
    live.snapshotTimer = null;
    live.dirty = false;
    await this.save(live.loopId, live.key, async () => {
      await this.catchUp(live);
      return live.doc.getText(CODE_TEXT).toString();
    });
  }

  /**
   * Saves a document's text into the loop's log: read by `text()` after the document's
   * unsaved mark, so an update stored meanwhile leaves it marked for the next save.
   */
  private async save(loopId: string, key: string, text: () => Promise<string>): Promise<void> {
    const [round, questionId] = splitKey(key);
    const marked = (await this.deps.store.unsavedCode(loopId)).find((d) => d.docKey === key);
    const result = await text()
      .then((value) =>
        this.deps.service.execute(
          loopId,
          { kind: 'system' },
          { type: 'code:snapshot', round, questionId, text: value },
          null,
        ),
      )
      .catch((error: Error) => fail('internal', error.message));
    if (!result.ok) {
      this.deps.log.warn('code snapshot failed', { loopId, error: result.error.message });
      return;
    }
    if (marked) await this.deps.store.markCodeSaved(loopId, key, marked.token);
  }

  /**
   * Saves into the log the text of every document, of one loop or of all, that holds
   * updates not yet saved there: at start-up (a crash may have come between an edit and
   * its save) and before a loop is viewed or reported, so both always show the code.
   */
  async saveUnsaved(loopId?: string): Promise<number> {
    const unsaved = await this.deps.store.unsavedCode(loopId);
    for (const { loopId: id, docKey } of unsaved) {
      const live = this.docs.get(`${id}/${docKey}`);
      if (live) {
        if (live.snapshotTimer) clearTimeout(live.snapshotTimer);
        await this.snapshot(live);
      } else {
        await this.save(id, docKey, async () => {
          const doc = new Y.Doc();
          applyAll(doc, await this.deps.store.codeUpdates(id, docKey));
          const text = doc.getText(CODE_TEXT).toString();
          doc.destroy();
          return text;
        });
      }
    }
    return unsaved.length;
  }

  private async close(live: LiveDoc): Promise<void> {
    if (live.evictTimer) clearTimeout(live.evictTimer);
    this.docs.delete(`${live.loopId}/${live.key}`);
    if (live.snapshotTimer) {
      clearTimeout(live.snapshotTimer);
      await this.snapshot(live);
    }
    live.doc.destroy();
  }
}
