/**
 * Where a loop's recordings are kept: by the server with the loop (REST, with the loop's
 * token), or only in this browser (IndexedDB, never sent anywhere). Both kinds are listed,
 * played, downloaded and deleted the same way.
 */
import type { Recording } from '@mockloop/shared/recording-api';
import type { ReportRecording } from '@mockloop/shared/report';
import type { RecordingSink } from './recorder';

export type RecordingPlace = 'server' | 'browser';

/** Where a listed recording comes from: a place it is kept, or a report file it came in. */
export type RecordingOrigin = RecordingPlace | 'report';

/** A recording wherever it is kept. */
export interface KeptRecording extends Omit<Recording, 'chunks' | 'createdAt'> {
  place: RecordingOrigin;
}

const base = (loopId: string) => `/api/loops/${encodeURIComponent(loopId)}/recordings`;
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function ok(response: Response): Promise<Response> {
  if (response.ok) return response;
  const body = (await response.json().catch(() => null)) as {
    error?: { message: string };
  } | null;
  throw new Error(body?.error?.message ?? `the server answered ${response.status}`);
}

// ------------------------------------------------------------------ this browser only

const DB = 'mockloop-recordings';
const META = 'recordings';
const CHUNKS = 'chunks';

function database(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore(META, { keyPath: 'id' });
      open.result.createObjectStore(CHUNKS);
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('this browser keeps no recordings'));
  });
}

/** Runs `work` in one transaction over both stores; resolves with its result once done. */
async function transact<T>(
  mode: IDBTransactionMode,
  work: (meta: IDBObjectStore, chunks: IDBObjectStore) => IDBRequest<T> | void,
): Promise<T | undefined> {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction([META, CHUNKS], mode);
    const request = work(tx.objectStore(META), tx.objectStore(CHUNKS));
    tx.oncomplete = () => {
      db.close();
      resolve(request ? request.result : undefined);
    };
    tx.onerror = () => reject(tx.error ?? new Error('the browser could not keep the recording'));
  });
}

const localId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

async function localChunks(id: string): Promise<Blob[]> {
  const all = await transact<Blob[]>('readonly', (_, chunks) =>
    chunks.getAll(IDBKeyRange.bound([id, 0], [id, Infinity])),
  );
  return all ?? [];
}

// ------------------------------------------------------------------ sinks

/** Keeps a recording with the loop on the server: created first, then chunk by chunk. */
export function serverSink(loopId: string, token: string, round: number): RecordingSink {
  let id = '';
  return {
    async start({ mimeType, startedAt }) {
      const response = await ok(
        await fetch(base(loopId), {
          method: 'POST',
          headers: { ...auth(token), 'Content-Type': 'application/json' },
          body: JSON.stringify({ round, startedAt: Math.round(startedAt), mimeType }),
        }),
      );
      id = ((await response.json()) as { recording: Recording }).recording.id;
    },
    async write(chunk, seq) {
      await ok(
        await fetch(`${base(loopId)}/${id}/chunks/${seq}`, {
          method: 'PUT',
          headers: { ...auth(token), 'Content-Type': 'application/octet-stream' },
          body: chunk,
        }),
      );
    },
    finish: () => Promise.resolve(),
  };
}

/** Keeps a recording in this browser only. */
export function browserSink(loopId: string, role: Recording['role'], round: number): RecordingSink {
  const id = localId();
  let bytes = 0;
  let meta: KeptRecording | null = null;
  return {
    async start({ mimeType, startedAt }) {
      meta = { id, loopId, role, round, startedAt, mimeType, bytes, place: 'browser' };
      await transact('readwrite', (store) => store.put(meta));
    },
    async write(chunk, seq) {
      bytes += chunk.size;
      await transact('readwrite', (store, chunks) => {
        chunks.put(chunk, [id, seq]);
        return store.put({ ...meta!, bytes });
      });
    },
    finish: () => Promise.resolve(),
  };
}

// ------------------------------------------------------------------ listing, audio, deleting

/** A loop's recordings: the server's, and this browser's own. */
export async function listRecordings(loopId: string, token: string): Promise<KeptRecording[]> {
  const response = await ok(await fetch(base(loopId), { headers: auth(token) }));
  const kept = ((await response.json()) as { recordings: Recording[] }).recordings.map(
    ({ chunks: _chunks, createdAt: _createdAt, ...recording }) => ({
      ...recording,
      place: 'server' as const,
    }),
  );
  const local = (
    (await transact<KeptRecording[]>('readonly', (store) => store.getAll())) ?? []
  ).filter((recording) => recording.loopId === loopId);
  return [...kept, ...local].sort((a, b) => a.startedAt - b.startedAt);
}

/** A recording's audio, whole. */
export async function recordingAudio(recording: KeptRecording, token: string): Promise<Blob> {
  if (recording.place === 'browser')
    return new Blob(await localChunks(recording.id), { type: recording.mimeType });
  const response = await ok(
    await fetch(`${base(recording.loopId)}/${recording.id}/audio`, { headers: auth(token) }),
  );
  return new Blob([await response.arrayBuffer()], { type: recording.mimeType });
}

/** Deletes a recording for good, wherever it is kept. */
export async function deleteRecording(recording: KeptRecording, token: string): Promise<void> {
  if (recording.place === 'browser') {
    await transact('readwrite', (store, chunks) => {
      chunks.delete(IDBKeyRange.bound([recording.id, 0], [recording.id, Infinity]));
      return store.delete(recording.id);
    });
    return;
  }
  await ok(
    await fetch(`${base(recording.loopId)}/${recording.id}`, {
      method: 'DELETE',
      headers: auth(token),
    }),
  );
}

/** The recordings a report file carries, listed like the others. */
export const reportRecordings = (
  loopId: string,
  recordings: readonly ReportRecording[],
): KeptRecording[] =>
  recordings.map(({ audio: _audio, ...recording }) => ({ ...recording, loopId, place: 'report' }));

/** The audio of a recording a report file carries. */
export function reportAudio(
  recordings: readonly ReportRecording[],
  recording: KeptRecording,
): Blob {
  const base64 = recordings.find((r) => r.id === recording.id)?.audio ?? '';
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: recording.mimeType });
}
