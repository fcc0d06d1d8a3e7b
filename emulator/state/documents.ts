/**
 * The state store's documents (`<name>.json`, one per service): which are changed and must be
 * written at the next commit (dirty), and which only need a new snapshot because a journal of the
 * same name already holds their changes (compactable, written in the background once the journal
 * has grown to twice the last snapshot).
 */

export interface Persistable {
  snapshot(): unknown;
}

/** A document taken for a write: its snapshot serialized when it was taken. */
export interface TakenDocument {
  readonly name: string;
  readonly source: Persistable;
  /** Taken as compactable (its journal holds the changes), not as dirty. */
  readonly compactable: boolean;
  readonly text: string;
}

export class Documents {
  private readonly dirty = new Map<string, Persistable>();
  private readonly compactable = new Map<string, Persistable>();
  /** Size of the last snapshot written of each journaled document, in characters. */
  private readonly snapshotChars = new Map<string, number>();

  /** True when a changed document is not written yet (what a commit must write). */
  get unwritten(): boolean {
    return this.dirty.size > 0;
  }

  markDirty(name: string, source: Persistable): void {
    this.compactable.delete(name);
    this.dirty.set(name, source);
  }

  /** Ignored while the document is dirty: its full write comes first. */
  markCompactable(name: string, source: Persistable): void {
    if (!this.dirty.has(name)) this.compactable.set(name, source);
  }

  /**
   * Serializes and takes the dirty documents, and with `compact` the compactable ones whose
   * journal (`journalSize` characters) has grown to twice their last snapshot: a growing queue is
   * then rewritten ever less often, so compaction costs at most about as much as the appends did,
   * and a restart replays at most two snapshots' worth of records. `compact: 'all'` takes every
   * compactable one (shutdown). A snapshot that cannot be serialized stays marked and is reported
   * through `onError`.
   */
  take(
    compact: boolean | 'all',
    journalSize: (name: string) => number,
    onError: (name: string, error: unknown) => void,
  ): TakenDocument[] {
    const candidates = [
      ...[...this.dirty].map(([name, source]) => ({ name, source, compactable: false })),
      ...(compact
        ? [...this.compactable]
            .filter(([name]) => compact === 'all' || this.worthCompacting(name, journalSize(name)))
            .map(([name, source]) => ({ name, source, compactable: true }))
        : []),
    ];
    const taken: TakenDocument[] = [];
    for (const candidate of candidates) {
      try {
        taken.push({ ...candidate, text: JSON.stringify(candidate.source.snapshot()) });
        (candidate.compactable ? this.compactable : this.dirty).delete(candidate.name);
      } catch (error) {
        // A value that cannot be serialized is refused at the edge (JSON depth limits).
        onError(candidate.name, error);
      }
    }
    return taken;
  }

  /** The document is on disk: its size paces the next compaction. */
  written(document: TakenDocument): void {
    this.snapshotChars.set(document.name, document.text.length);
  }

  /** The write failed (a full disk may recover): marked again for the next one. */
  failed(document: TakenDocument): void {
    if (document.compactable) this.markCompactable(document.name, document.source);
    else if (!this.dirty.has(document.name)) this.dirty.set(document.name, document.source);
  }

  private worthCompacting(name: string, journalSize: number): boolean {
    return journalSize >= 2 * (this.snapshotChars.get(name) ?? 0);
  }
}
