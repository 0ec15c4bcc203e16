// The inspection page's outbox: records each change in the IndexedDB queue first (so it is shown
// at once and survives a lost connection or a reload), then sends the queue in creation order
// whenever the server can be reached: at once, on the browser's `online` event and every 30 s.
// Reactive (Svelte runes) for the page and OfflineStatus.svelte. See docs/offline.md.
import {
  freshChange,
  keptMine,
  keptTheirs,
  nextCreatedAt,
  withoutPhoto,
  type ChecklistResultChange,
  type CommandChange,
  type FindingChange,
  type PhotoChange,
  type QueuedChange,
} from './changes.ts';
import { m } from '#lib/paraglide/messages.js';
import { keepPageForOffline } from './page-cache.ts';
import * as queue from './queue.ts';
import { send } from './send.ts';

/** Every 30 s the queue is tried again (changes still inside their pause are left until it ends). */
export const RETRY_INTERVAL_MS = 30_000;
/** One sender at a time across the tabs of this browser (Web Locks). */
const SEND_LOCK = 'reform-tracker-offline-send';

export interface OutboxOptions {
  userId: string;
  /** The page's language: the API answers refusals in it. */
  locale: string;
  /**
   * After changes reached the server (the commands among them, in the order sent): load the
   * page's data again, so the server's copy replaces what the page showed of the queue.
   */
  onSent?: (sent: CommandChange[]) => Promise<void> | void;
  /**
   * A change was refused because its item holds another value now (and nothing was sent): load
   * the page's data again, so the item shows the value the server holds next to the conflict.
   */
  onConflict?: () => Promise<void> | void;
}

export type ChecklistResultInput = Omit<ChecklistResultChange['payload'], 'photoIds' | 'evidenceIds'> & {
  evidenceIds?: string[];
};
/** A finding's fields; its ID is the change's own UUID (the finding's findingId and requestId). */
export type FindingInput = Omit<FindingChange['payload'], 'photoIds' | 'evidenceIds' | 'findingId'> & {
  evidenceIds?: string[];
};

export class InspectionOutbox {
  /** This person's queued changes (every inspection), in sending order. */
  changes: QueuedChange[] = $state([]);
  /** Whether the browser believes it is online (navigator.onLine and its events). */
  online = $state(true);
  sending = $state(false);
  /** The session ended while changes wait: they go once the person signs in again. */
  signInNeeded = $state(false);
  /** Changes the server took since the queue was last empty. */
  sentCount = $state(0);
  /**
   * Whether changes had to wait (offline, no answer, the session ended) since the queue was last
   * empty: then their sending ends with "All changes sent"; a change sent at once needs no word.
   */
  delayed = $state(false);
  /** Whether the queue has been read from IndexedDB yet. */
  loaded = $state(false);
  /** Whether changes can be queued (IndexedDB opened); until then, forms post as without JS. */
  available = $state(false);
  /** A change could not be kept on this device (IndexedDB refused it): said in the status bar. */
  storeError: string | null = $state(null);

  readonly waiting = $derived(this.changes.filter((change) => !change.failed));
  readonly failed = $derived(this.changes.filter((change) => change.failed));

  #options: OutboxOptions;
  #database: queue.OfflineDatabase | null = null;
  /** Object URLs of queued photos, for previews (not reactive state: made while rendering). */
  #previews: Record<string, string> = {};
  #again = false;
  /** The page went away: a send under way finishes, but the page is not told (nor navigated). */
  #stopped = false;

  constructor(options: OutboxOptions) {
    this.#options = options;
  }

  /** Opens the queue, starts sending and listening; returns the function that stops it. */
  start(): () => void {
    this.online = navigator.onLine;
    const online = () => {
      this.online = true;
      void this.flush(true);
    };
    const offline = () => {
      this.online = false;
    };
    addEventListener('online', online);
    addEventListener('offline', offline);
    const timer = setInterval(() => void this.flush(), RETRY_INTERVAL_MS);
    void (async () => {
      try {
        this.#database = await queue.openQueue();
      } catch (error) {
        // No IndexedDB (a private window of an old browser): the forms post as without JS.
        console.warn('Offline queue unavailable; forms post directly.', error);
        return;
      }
      await this.#reload();
      this.loaded = true;
      this.available = true;
      if (this.online) void keepPageForOffline();
      await this.flush(true);
    })();
    this.#stopped = false;
    return () => {
      this.#stopped = true;
      removeEventListener('online', online);
      removeEventListener('offline', offline);
      clearInterval(timer);
      this.#revokePreviews();
    };
  }

  /** The queued changes of one inspection. */
  changesOf(inspectionId: string): QueuedChange[] {
    return this.changes.filter((change) => change.inspectionId === inspectionId);
  }

  /** The photos a queued command names that are not uploaded yet, with local preview URLs. */
  photosOf(change: CommandChange): { id: string; fileName: string; url: string }[] {
    return change.payload.photoIds.flatMap((id) => {
      const photo = this.changes.find((each): each is PhotoChange => each.id === id && each.kind === 'photo');
      if (!photo) return [];
      const url = (this.#previews[id] ??= URL.createObjectURL(photo.photo));
      return [{ id, fileName: photo.fileName, url }];
    });
  }

  /** Queues a checklist result (with photos taken for it) and sends it when it can. */
  recordChecklistResult(inspectionId: string, input: ChecklistResultInput, photos: File[] = []) {
    return this.#record(inspectionId, photos, (base, photoIds) => ({
      ...base,
      kind: 'checklistResult',
      payload: { ...input, evidenceIds: input.evidenceIds ?? [], photoIds },
    }));
  }

  /** Queues a finding (its UUID becomes the finding's ID) and sends it when it can. */
  recordFinding(inspectionId: string, input: FindingInput, photos: File[] = []) {
    return this.#record(inspectionId, photos, (base, photoIds) => ({
      ...base,
      kind: 'finding',
      payload: { ...input, findingId: base.id, evidenceIds: input.evidenceIds ?? [], photoIds },
    }));
  }

  async #record(
    inspectionId: string,
    photos: File[],
    command: (base: ReturnType<typeof freshChange>, photoIds: string[]) => CommandChange,
  ): Promise<CommandChange> {
    const database = await this.#open();
    const latest = await queue.latestCreatedAt(database);
    const { userId } = this.#options;
    if (this.changes.length === 0) {
      this.sentCount = 0;
      this.delayed = false;
    }
    if (!this.online) this.delayed = true;
    const photoChanges: PhotoChange[] = photos.map((photo) => ({
      ...freshChange(inspectionId, userId, nextCreatedAt(Date.now(), latest)),
      kind: 'photo',
      photo,
      fileName: photo.name || 'photo.jpg',
    }));
    const change = command(
      freshChange(inspectionId, userId, nextCreatedAt(Date.now(), latest)),
      photoChanges.map((photo) => photo.id),
    );
    try {
      await queue.enqueue(database, [...photoChanges, change]);
    } catch (error) {
      this.storeError = error instanceof Error ? error.message : String(error);
      throw error;
    }
    this.storeError = null;
    await this.#reload();
    void this.flush(true);
    return change;
  }

  /** Sends a refused change (and its refused photos) again. */
  async retry(id: string): Promise<void> {
    await queue.retry(await this.#open(), id);
    this.signInNeeded = false;
    await this.#reload();
    await this.flush(true);
  }

  /**
   * A conflict answered "keep mine": the same values as a new change made on the item's current
   * value (changes.ts keptMine), sent after what is queued.
   */
  async keepMine(id: string): Promise<void> {
    await this.#answerConflict(id, keptMine);
  }

  /** A conflict answered "keep theirs": mine is dropped (its photos are still sent, keptTheirs). */
  async keepTheirs(id: string): Promise<void> {
    await this.#answerConflict(id, keptTheirs);
  }

  async #answerConflict(
    id: string,
    answer: (change: ChecklistResultChange, createdAt: number) => ChecklistResultChange | null,
  ): Promise<void> {
    const database = await this.#open();
    const change = await database.get('changes', id);
    if (change?.kind !== 'checklistResult' || !change.conflict) return;
    const next = answer(change, nextCreatedAt(Date.now(), await queue.latestCreatedAt(database)));
    if (next) await queue.replace(database, id, next);
    else await queue.discard(database, id);
    await this.#reload();
    if (next) await this.flush(true);
  }

  /** Gives up a change that was not sent (a refused one, typically). */
  async discard(id: string): Promise<void> {
    await queue.discard(await this.#open(), id);
    await this.#reload();
  }

  /**
   * Sends what waits, oldest first, until the queue is empty or the server cannot be reached.
   * `now`: also the changes still inside their pause after a failed send (back online, a new
   * change, a retry). One run at a time; a call during a run makes the run go round again.
   */
  async flush(now = false): Promise<void> {
    if (!this.#database) return;
    if (this.sending) {
      this.#again = true;
      return;
    }
    this.sending = true;
    try {
      do {
        this.#again = false;
        await this.#withLock(() => this.#sendAll(now));
      } while (this.#again && this.online && !this.signInNeeded);
    } finally {
      this.sending = false;
      await this.#reload();
    }
  }

  async #sendAll(now: boolean): Promise<void> {
    const database = this.#database!;
    const { userId, locale } = this.#options;
    const sent: QueuedChange[] = [];
    let conflicts = 0;
    for (;;) {
      if (!navigator.onLine) {
        this.delayed ||= (await queue.changesOf(database, userId)).some((change) => !change.failed);
        break;
      }
      // Read again each time: an uploaded photo rewrites the changes that name it.
      const next = (await queue.changesOf(database, userId)).find((change) => !change.failed);
      if (!next) break;
      if (!now && next.nextAttemptAt > Date.now()) break;
      let target: QueuedChange = next;
      if (next.kind !== 'photo' && next.payload.photoIds.length > 0) {
        // Its photos were made before it and went first: one still named here was refused.
        const photoId = next.payload.photoIds[0]!;
        const photo = await database.get('changes', photoId);
        if (!photo) {
          await database.put('changes', withoutPhoto(next, photoId));
          continue;
        }
        if (photo.failed) {
          await queue.markRefused(
            database,
            next,
            m.offline_photo_refused({ message: photo.lastError ?? '' }),
          );
          continue;
        }
        target = photo;
      }
      const outcome = await this.#sendOne(target, locale);
      if (outcome === 'stop') {
        this.delayed = true;
        break;
      }
      if (outcome === 'sent') sent.push(target);
      if (outcome === 'conflict') conflicts += 1;
    }
    if (sent.length === 0 && conflicts > 0 && !this.#stopped) {
      await this.#options.onConflict?.();
      void keepPageForOffline();
    }
    if (sent.length > 0) {
      this.sentCount += sent.length;
      // The queue without the sent changes first, then the server's copy: the page never shows
      // a change twice (its queued copy next to the server's).
      await this.#reload();
      if (!this.#stopped)
        await this.#options.onSent?.(
          sent.filter((change): change is CommandChange => change.kind !== 'photo'),
        );
      void keepPageForOffline();
    }
  }

  async #sendOne(change: QueuedChange, locale: string): Promise<'sent' | 'kept' | 'conflict' | 'stop'> {
    const database = this.#database!;
    const outcome = await send(change, locale);
    switch (outcome.kind) {
      case 'applied':
        if (change.kind === 'photo') await queue.photoUploaded(database, change.id, outcome.evidenceId!);
        else await queue.remove(database, change.id);
        this.signInNeeded = false;
        return 'sent';
      case 'refused':
        await queue.markRefused(database, change, outcome.message, outcome.conflict);
        return outcome.conflict ? 'conflict' : 'kept';
      case 'signIn':
        this.signInNeeded = true;
        return 'stop';
      case 'retry':
        await queue.markUnsent(database, change, outcome.message, Date.now());
        return 'stop';
    }
  }

  async #withLock(run: () => Promise<void>): Promise<void> {
    if (!('locks' in navigator)) return run();
    await navigator.locks.request(SEND_LOCK, run);
  }

  async #open(): Promise<queue.OfflineDatabase> {
    this.#database ??= await queue.openQueue();
    return this.#database;
  }

  #revokePreviews() {
    for (const url of Object.values(this.#previews)) URL.revokeObjectURL(url);
    this.#previews = {};
  }

  async #reload(): Promise<void> {
    if (!this.#database) return;
    this.changes = await queue.changesOf(this.#database, this.#options.userId);
    if (this.changes.length === 0) {
      this.#revokePreviews();
    }
  }
}
