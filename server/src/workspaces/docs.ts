/**
 * The document plane on the server: every document a loop's people type in — code, notes,
 * private notes, STAR answers (`shared/src/docs.ts`) — as a Yjs document, kept in memory
 * while in use and stored as its updates, each written before it is acknowledged. An edit
 * is checked against the document's kind (only its own texts, plain text, within their
 * lengths, counting edits that wait for an earlier one), stored, and relayed at once by
 * the transport. The texts are written into the loop's event log when the round is closed
 * or the loop ends, before any view of the loop is given out, and at start-up for
 * anything a crash left unsaved — so reviews and reports read them from the log.
 *
 * Several nodes may hold the same document: before answering a sync or saving a text, a
 * node applies every stored update, so it always speaks for what all of them stored.
 */
import * as Y from 'yjs';
import { settleHistory } from './history';
import type { CatalogIndex } from '@mockloop/shared/catalog-index';
import { starterFor } from '@mockloop/shared/code';
import {
  DOC_TEXT_MAX_CHARS,
  DOC_TEXTS,
  docKey,
  parseDocKey,
  savedTexts,
  workspaceAccess,
  type DocRef,
} from '@mockloop/shared/docs';
import { fail, type Ack } from '@mockloop/shared/errors';
import type { LoopRound, Role } from '@mockloop/shared/loop/state';
import type { Logger } from '../log';
import type { LoopService } from '../loops/loop-service';
import type { Quotas } from '../quotas';
import type { WorkspaceStore } from '../store/store';
import { flattenAll, flattenApplied, heldDoc } from './held-text';

/** Largest Yjs update accepted in one message, in bytes. */
export const DOC_UPDATE_MAX_BYTES = 32 * 1024;
/**
 * Most updates, and bytes of them, a document may hold waiting for an earlier update they
 * depend on. A client sends its edits in order, so only a node that has not yet read
 * another node's edit ever holds any, briefly.
 */
export const DOC_WAITING_MAX = { updates: 64, bytes: 64 * 1024 };
const COMPACT_EVERY_UPDATES = 200;
/** A document unused this long is saved, compacted and dropped from memory. */
export const EVICT_AFTER_IDLE_MS = 10 * 60_000;
/** How often held documents are checked for idleness (one timer for all of them). */
const SWEEP_EVERY_MS = 60_000;
/**
 * The client id of the update that seeds a new document. Every node seeding the same
 * document writes the very same update, so two nodes opening it at once do not double
 * its text: Yjs applies an update it already has as nothing.
 */
const SEED_CLIENT_ID = 1;

/** A document held in memory, in its loop's room. */
export interface LiveDoc {
  loopId: string;
  ref: DocRef;
  key: string;
  doc: Y.Doc;
  /** Updates stored since the last compaction. */
  stored: number;
  /** Updates applied while the document held edits waiting for an earlier one. */
  waiting: Readonly<{ updates: number; bytes: number }>;
  /** When it was last used (a sync or an edit), by the server's clock. */
  usedAt: number;
  /** Being saved and dropped for idleness. */
  evicting: boolean;
}

export interface DocsDeps {
  service: LoopService;
  store: WorkspaceStore;
  content: CatalogIndex;
  log: Logger;
  quotas?: Pick<Quotas, 'allowWrite' | 'wrote'>;
}

/** Applies stored updates in one transaction; those the document already has change nothing. */
function applyAll(doc: Y.Doc, updates: readonly Uint8Array[]): void {
  Y.transact(doc, () => updates.forEach((update) => Y.applyUpdate(doc, update)));
  flattenAll(doc);
}

/** The texts of a document, by name. */
function textsOf(doc: Y.Doc, ref: DocRef): Record<string, string> {
  return Object.fromEntries(
    DOC_TEXTS[ref.kind].map((name) => [name, doc.getText(name).toString()]),
  );
}

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** The update's items when it only edits the plain texts of its kind, or why it is refused. */
function checkUpdate(
  update: Uint8Array,
  names: readonly string[],
): { ok: true; structs: DecodedUpdate['structs'] } | { ok: false; reason: string } {
  const refuse = (reason: string) => ({ ok: false as const, reason });
  let decoded: DecodedUpdate;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return refuse('the update is not a valid Yjs update');
  }
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Decoded, not yet integrated: a root item names its type; any other points at an item.
    const parent = struct.parent as unknown;
    const rootOk = parent === null || (typeof parent === 'string' && names.includes(parent));
    if (!rootOk || struct.parentSub !== null)
      return refuse('the update touches something other than this document');
    if (!(struct.content instanceof Y.ContentString || struct.content instanceof Y.ContentDeleted))
      return refuse('a document may only hold plain text');
  }
  return { ok: true, structs: decoded.structs };
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

/** The tally of a document holding no edit that waits (shared: most documents hold none). */
const NOT_WAITING = Object.freeze({ updates: 0, bytes: 0 });

const isWaiting = (doc: Y.Doc) => Boolean(doc.store.pendingStructs || doc.store.pendingDs);

/**
 * Why a document is over its limits once `update` is applied, or null: the updates held
 * waiting for an earlier one, and each text with what waits to join it (counted against
 * the longest text, so a chain sent out of order cannot slip past a limit). Returns the
 * waiting tally the document would have.
 */
function checkLimits(
  live: LiveDoc,
  update: Uint8Array,
): { problem: string | null; waiting: LiveDoc['waiting'] } {
  const { doc, ref, waiting } = live;
  const next = isWaiting(doc)
    ? { updates: waiting.updates + 1, bytes: waiting.bytes + update.byteLength }
    : NOT_WAITING;
  if (next.updates > DOC_WAITING_MAX.updates || next.bytes > DOC_WAITING_MAX.bytes)
    return {
      problem: `too many edits are waiting for an earlier one (at most ${DOC_WAITING_MAX.updates} edits, ${DOC_WAITING_MAX.bytes / 1024} KB); reload the page`,
      waiting,
    };
  const max = DOC_TEXT_MAX_CHARS[ref.kind];
  const waitingChars = pendingChars(doc);
  const longest = Math.max(...DOC_TEXTS[ref.kind].map((name) => doc.getText(name).length));
  if (longest + waitingChars > max)
    return {
      problem: `${ref.kind === 'code' ? 'the code' : 'a text'} may be at most ${max} characters`,
      waiting,
    };
  return { problem: null, waiting: next };
}

export class Docs {
  /** Documents being loaded, so that two requests at once share one load. */
  private readonly opening = new Map<string, Promise<LiveDoc>>();

  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly deps: DocsDeps) {
    this.sweeper = setInterval(() => void this.evictIdle(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  /** What the client lacks, given its state vector; the document is loaded if needed. */
  async sync(
    loopId: string,
    role: Role,
    ref: DocRef,
    stateVector: Uint8Array,
  ): Promise<Ack<{ update: Uint8Array }>> {
    const access = await this.access(loopId, ref, role, false);
    if (!access.ok) return access;
    const { live, fresh } = await this.open(loopId, ref, access.data.round);
    // A document held here may lack what other nodes stored since; one just read does not.
    if (!fresh) await this.catchUp(live);
    try {
      return { ok: true, data: { update: Y.encodeStateAsUpdate(live.doc, stateVector) } };
    } catch {
      return fail('bad-request', 'the state vector is not valid');
    }
  }

  /**
   * Applies and stores one client update. `relay` is called as soon as the update is
   * accepted, before it is durable, so readers see it at once; the result (the sender's
   * ack) waits until it is stored. Should the write fail, the sender still holds the update
   * and sends it again, and Yjs applies a repeated update once.
   */
  async edit(
    loopId: string,
    role: Role,
    ref: DocRef,
    update: Uint8Array,
    relay: () => void = () => {},
  ): Promise<Ack<Record<string, never>>> {
    const access = await this.access(loopId, ref, role, true);
    if (!access.ok) return access;
    if (update.byteLength > DOC_UPDATE_MAX_BYTES)
      return fail('bad-request', `an update may be at most ${DOC_UPDATE_MAX_BYTES} bytes`);
    const checked = checkUpdate(update, DOC_TEXTS[ref.kind]);
    if (!checked.ok) return fail('bad-request', checked.reason);
    // Stored twice: as the document's update and in its history.
    const bytes = 2 * update.byteLength;
    const room = await this.deps.quotas?.allowWrite(loopId, bytes, 'typing');
    if (room && !room.ok) return room;
    const { live } = await this.open(loopId, ref, access.data.round);
    Y.applyUpdate(live.doc, update);
    flattenApplied(live.doc, checked.structs);
    // An edit that waits for another may be waiting for another node's: read those first.
    if (isWaiting(live.doc)) await this.catchUp(live);
    const { problem, waiting } = checkLimits(live, update);
    if (problem) {
      // Not stored: the document goes back to what the store holds.
      await this.reload(live);
      return fail('bad-request', problem);
    }
    live.waiting = waiting;
    relay();
    // Stored even when the text did not change: it may hold edits waiting for others. The
    // store marks the document unsaved in the same write.
    await this.deps.store.appendDocUpdate(loopId, live.key, update, true, this.deps.service.now());
    this.deps.quotas?.wrote(loopId, bytes);
    if (++live.stored >= COMPACT_EVERY_UPDATES) await this.compact(live);
    return { ok: true, data: {} };
  }

  /**
   * Saves into the log the texts of every document, of one loop or of all, that holds
   * updates not yet saved there: at start-up (a crash may have come between an edit and its
   * save), before a loop is viewed or reported, and when a round ends or the loop does.
   * With `compact`, the loop's documents held here are also merged into one update each.
   */
  async saveUnsaved(loopId?: string, compact = false): Promise<number> {
    const saved = await this.save(loopId);
    if (compact)
      for (const live of this.rooms.find(loopId ?? '')?.docs ?? [])
        if (live.stored > 1) await this.compact(live);
    return saved;
  }

  private async save(loopId?: string): Promise<number> {
    const unsaved = await this.deps.store.unsavedDocs(loopId);
    for (const { loopId: id, docKey: key, token } of unsaved) {
      const ref = parseDocKey(key);
      if (!ref) continue;
      const live = this.rooms.find(id)?.doc(key);
      const texts = live
        ? (await this.catchUp(live), textsOf(live.doc, ref))
        : await this.stored(id, ref);
      const result = await this.deps.service
        .execute(id, { kind: 'system' }, { type: 'doc:save', ref, texts }, null)
        .catch((error: Error) => fail('internal', error.message));
      if (!result.ok) {
        this.deps.log.warn('saving a document failed', { loopId: id, error: result.error.message });
        continue;
      }
      await this.deps.store.markDocSaved(id, key, token);
    }
    return unsaved.length;
  }

  /** Settles the history of a round that is over (`settleHistory`). */
  settleHistory(loopId: string, round: number): Promise<void> {
    return this.deps.store.settleDocHistory(loopId, round, settleHistory);
  }

  private async compact(live: LiveDoc): Promise<void> {
    live.stored = 1;
    await this.deps.store.compactDoc(live.loopId, live.key, Y.mergeUpdates);
  }

  /** Forgets all documents (server shutdown, tests); the store keeps everything. */
  stop(): void {
    clearInterval(this.sweeper);
    for (const live of this.allDocs()) this.forget(live);
  }

  /** The loops' rooms: each holds its loop's open documents. */
  private get rooms() {
    return this.deps.service.rooms;
  }

  /** Every document held in memory, in every room. */
  private allDocs(): LiveDoc[] {
    return this.rooms.all().flatMap((room) => room.docs);
  }

  /** How many documents are held in memory. */
  get held(): number {
    return this.allDocs().length;
  }

  /**
   * Saves, compacts and drops every document unused for `EVICT_AFTER_IDLE_MS`; the store
   * keeps everything, and the next use loads it again. Runs every minute.
   */
  async evictIdle(): Promise<void> {
    const now = this.deps.service.now();
    const idle = this.allDocs().filter(
      (live) => !live.evicting && now - live.usedAt >= EVICT_AFTER_IDLE_MS,
    );
    for (const live of idle) await this.evict(live);
  }

  private async access(loopId: string, ref: DocRef, role: Role, write: boolean) {
    const state = await this.deps.service.get(loopId);
    if (!state) return fail('not-found', 'no such loop');
    return workspaceAccess(state, ref, role, write, this.deps.content);
  }

  /** A document's texts as stored, read without holding it. */
  private async stored(loopId: string, ref: DocRef): Promise<Record<string, string>> {
    const doc = new Y.Doc();
    applyAll(doc, await this.deps.store.docUpdates(loopId, docKey(ref)));
    const texts = textsOf(doc, ref);
    doc.destroy();
    return texts;
  }

  /** The document, held or loaded; `fresh` when just read from the store here. */
  private async open(
    loopId: string,
    ref: DocRef,
    round: LoopRound,
  ): Promise<{ live: LiveDoc; fresh: boolean }> {
    const key = docKey(ref);
    const id = `${loopId}/${key}`;
    let live = this.rooms.find(loopId)?.doc(key);
    const fresh = !live;
    if (!live) {
      let loading = this.opening.get(id);
      if (!loading) {
        loading = this.load(loopId, ref, round).finally(() => this.opening.delete(id));
        this.opening.set(id, loading);
      }
      live = await loading;
    }
    live.usedAt = this.deps.service.now();
    return { live, fresh };
  }

  /** The texts a new document starts from: what the log holds, or a question's starter. */
  private seedTexts(ref: DocRef, round: LoopRound): Record<string, string> {
    const texts = savedTexts(round, ref);
    if (ref.kind === 'code' && !texts.code) {
      const question = this.deps.content.question(round.roundId, round.questionId);
      texts.code = starterFor(question, round.code?.language);
    }
    if (ref.kind === 'notes' && !texts.text)
      texts.text = this.deps.content.round(round.roundId)?.notesTemplate ?? '';
    return texts;
  }

  private async load(loopId: string, ref: DocRef, round: LoopRound): Promise<LiveDoc> {
    const key = docKey(ref);
    const doc = heldDoc(key);
    const updates = await this.deps.store.docUpdates(loopId, key);
    if (updates.length) {
      applyAll(doc, updates);
    } else {
      const seeding = new Y.Doc();
      seeding.clientID = SEED_CLIENT_ID;
      for (const [name, text] of Object.entries(this.seedTexts(ref, round)))
        if (text) seeding.getText(name).insert(0, text);
      const update = Y.encodeStateAsUpdate(seeding);
      seeding.destroy();
      Y.applyUpdate(doc, update);
      // A seed is not typing: nothing to save into the log until someone edits.
      await this.deps.store.appendDocUpdate(loopId, key, update, false, this.deps.service.now());
    }
    const live: LiveDoc = {
      loopId,
      ref,
      key,
      doc,
      stored: Math.max(updates.length, 1),
      waiting: NOT_WAITING,
      usedAt: this.deps.service.now(),
      evicting: false,
    };
    this.rooms.room(loopId).openDoc(live);
    return live;
  }

  /** Replaces a held document's contents with what the store holds. */
  private async reload(live: LiveDoc): Promise<void> {
    const doc = heldDoc(live.key);
    applyAll(doc, await this.deps.store.docUpdates(live.loopId, live.key));
    live.doc.destroy();
    live.doc = doc;
    live.waiting = NOT_WAITING;
  }

  /** Applies whatever other nodes stored since; updates already held change nothing. */
  private async catchUp(live: LiveDoc): Promise<void> {
    applyAll(live.doc, await this.deps.store.docUpdates(live.loopId, live.key));
  }

  private async evict(live: LiveDoc): Promise<void> {
    const { usedAt } = live;
    live.evicting = true;
    try {
      await this.save(live.loopId);
      if (live.stored > 1) await this.compact(live);
    } catch (error) {
      this.deps.log.warn('saving an idle document failed', {
        loopId: live.loopId,
        error: (error as Error).message,
      });
    }
    live.evicting = false;
    // Used again meanwhile: it stays until it is idle again.
    if (live.usedAt === usedAt) this.forget(live);
  }

  private forget(live: LiveDoc): void {
    this.rooms.find(live.loopId)?.closeDoc(live);
    live.doc.destroy();
  }
}
