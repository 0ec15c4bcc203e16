// The offline queue in IndexedDB (through idb): database `reform-tracker-offline`, store `changes`
// keyed by the change's own UUID. It survives a reload, a closed tab and a phone that ran out of
// battery; a change leaves it only once the server holds it or the inspector discards it.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import {
  inSendingOrder,
  retryDelayMs,
  withoutPhoto,
  withUploadedPhoto,
  type ChecklistConflict,
  type CommandChange,
  type QueuedChange,
} from './changes.ts';

export const DATABASE_NAME = 'reform-tracker-offline';
const VERSION = 1;

interface OfflineSchema extends DBSchema {
  changes: {
    key: string;
    value: QueuedChange;
    indexes: { 'by-user': string; 'by-inspection': string };
  };
}

export type OfflineDatabase = IDBPDatabase<OfflineSchema>;

let opened: Promise<OfflineDatabase> | null = null;

/** The queue's database, opened once per page. */
export function openQueue(): Promise<OfflineDatabase> {
  opened ??= openDB<OfflineSchema>(DATABASE_NAME, VERSION, {
    upgrade(database) {
      const store = database.createObjectStore('changes', { keyPath: 'id' });
      store.createIndex('by-user', 'userId');
      store.createIndex('by-inspection', 'inspectionId');
    },
    // A newer version of the app wants to change the schema: let it (this page reloads later).
    blocking() {
      void opened?.then((database) => database.close());
      opened = null;
    },
  });
  return opened;
}

/** A person's changes (every inspection), in the order they were made and are sent. */
export async function changesOf(database: OfflineDatabase, userId: string): Promise<QueuedChange[]> {
  const changes = await database.getAllFromIndex('changes', 'by-user', userId);
  return changes.sort(inSendingOrder);
}

/** The latest creation time stored (any person), so new changes sort after it. */
export async function latestCreatedAt(database: OfflineDatabase): Promise<number> {
  let latest = 0;
  for (const change of await database.getAll('changes')) latest = Math.max(latest, change.createdAt);
  return latest;
}

/** Stores changes made together (photos first, then the change naming them) in one transaction. */
export async function enqueue(database: OfflineDatabase, changes: QueuedChange[]): Promise<void> {
  const tx = database.transaction('changes', 'readwrite');
  await Promise.all([...changes.map((change) => tx.store.add(change)), tx.done]);
}

/** A command the server holds now: it leaves the queue. */
export async function remove(database: OfflineDatabase, id: string): Promise<void> {
  await database.delete('changes', id);
}

/**
 * A photo the server holds now (as `evidenceId`): every change naming it names the evidence
 * instead, and the photo leaves the queue, all in one transaction.
 */
export async function photoUploaded(database: OfflineDatabase, photoId: string, evidenceId: string) {
  await rewriteDependents(database, photoId, (change) => withUploadedPhoto(change, photoId, evidenceId));
}

/**
 * Discards a change the inspector gave up on. A photo's reference goes from the changes naming
 * it (they are sent without it); a command's photos that were not sent yet go with it.
 */
export async function discard(database: OfflineDatabase, id: string): Promise<void> {
  const change = await database.get('changes', id);
  if (!change) return;
  if (change.kind === 'photo') {
    await rewriteDependents(database, id, (dependent) => withoutPhoto(dependent, id));
    return;
  }
  const tx = database.transaction('changes', 'readwrite');
  await Promise.all([
    tx.store.delete(id),
    ...change.payload.photoIds.map((photoId) => tx.store.delete(photoId)),
    tx.done,
  ]);
}

async function rewriteDependents(
  database: OfflineDatabase,
  photoId: string,
  rewrite: (change: CommandChange) => CommandChange,
): Promise<void> {
  const tx = database.transaction('changes', 'readwrite');
  const photo = await tx.store.get(photoId);
  const writes: Promise<unknown>[] = [tx.store.delete(photoId)];
  if (photo) {
    for (const change of await tx.store.index('by-inspection').getAll(photo.inspectionId)) {
      if (change.kind === 'photo' || !change.payload.photoIds.includes(photoId)) continue;
      writes.push(tx.store.put(rewrite(change)));
    }
  }
  await Promise.all([...writes, tx.done]);
}

/**
 * A send refused by the API: kept with the message (and, for a checklist result made on a value
 * the item no longer holds, what it holds now), not sent again by itself.
 */
export async function markRefused(
  database: OfflineDatabase,
  change: QueuedChange,
  message: string,
  conflict?: ChecklistConflict,
) {
  await database.put('changes', {
    ...change,
    failed: true,
    lastError: message,
    ...(conflict && change.kind === 'checklistResult' ? { conflict } : {}),
  });
}

/**
 * Replaces a change by another in one transaction: the inspector's answer to a conflict ("keep
 * mine" or "keep theirs" with photos) is a new change; the refused one goes.
 */
export async function replace(database: OfflineDatabase, id: string, next: QueuedChange): Promise<void> {
  const tx = database.transaction('changes', 'readwrite');
  await Promise.all([tx.store.delete(id), tx.store.add(next), tx.done]);
}

/** A send that reached no answer: tried again after a growing pause (or when back online). */
export async function markUnsent(
  database: OfflineDatabase,
  change: QueuedChange,
  message: string,
  now: number,
) {
  const attempts = change.attempts + 1;
  await database.put('changes', {
    ...change,
    attempts,
    lastError: message,
    nextAttemptAt: now + retryDelayMs(attempts),
  });
}

/** The inspector asks to send a refused change again (after fixing what was wrong elsewhere). */
export async function retry(database: OfflineDatabase, id: string): Promise<void> {
  const tx = database.transaction('changes', 'readwrite');
  const change = await tx.store.get(id);
  const ids = [id, ...(change && change.kind !== 'photo' ? change.payload.photoIds : [])];
  for (const each of ids) {
    const stored = await tx.store.get(each);
    if (stored)
      await tx.store.put({ ...stored, failed: false, attempts: 0, nextAttemptAt: 0, lastError: null });
  }
  await tx.done;
}
