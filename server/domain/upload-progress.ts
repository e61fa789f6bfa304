// Where an upload stands while its transaction runs (read → classify → store → done), by the
// file's SHA-256, which a client knows before it sends the file: GET /api/uploads/{hash}/progress.
// Kept in the server's memory: a transaction that dies leaves nothing in the database to report.
import type { StoreProgress } from './classify.js';

export interface UploadState {
  fileHash: string;
  fileName: string;
  phase: 'read' | StoreProgress['phase'] | 'done' | 'failed';
  /** Rows decided (classify) or written (store) so far, of `total`. */
  done: number;
  total: number;
  startedAt: string;
  finishedAt?: string;
}

const KEEP = 500;

export class UploadProgress {
  private readonly states = new Map<string, UploadState & { userId: number }>();

  start(fileHash: string, fileName: string, userId: number): void {
    this.states.delete(fileHash);
    this.states.set(fileHash, { fileHash, fileName, userId, phase: 'read', done: 0, total: 0, startedAt: new Date().toISOString() });
    // The oldest go first (a Map keeps insertion order).
    while (this.states.size > KEEP) this.states.delete(this.states.keys().next().value!);
  }

  update(fileHash: string, p: StoreProgress): void {
    const s = this.states.get(fileHash);
    if (s) Object.assign(s, p);
  }

  finish(fileHash: string, ok: boolean): void {
    const s = this.states.get(fileHash);
    if (s) Object.assign(s, { phase: ok ? 'done' : 'failed', finishedAt: new Date().toISOString() }, ok ? { done: s.total } : {});
  }

  /** The state of an upload, for the user who sent it only. */
  get(fileHash: string, userId: number): UploadState | undefined {
    const s = this.states.get(fileHash);
    if (!s || s.userId !== userId) return undefined;
    const { userId: _, ...state } = s;
    return state;
  }
}
