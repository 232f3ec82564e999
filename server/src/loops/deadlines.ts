/**
 * When each of many items falls due, earliest first: a binary heap whose items record their
 * own place in it, so that moving or clearing a deadline costs O(log n) and needs no entry
 * object or map of its own. The loop rooms of a node keep their phase deadlines here, and
 * one timer, set for the earliest, serves them all.
 */

/** What the queue keeps on each item. */
export interface Due {
  /** When the item is due; null when it is not queued. */
  dueAt: number | null;
  /** Where the item sits in the queue; -1 when it is not queued. */
  dueSlot: number;
}

export class DeadlineQueue<T extends Due> {
  private readonly heap: T[] = [];

  get size(): number {
    return this.heap.length;
  }

  /** The earliest deadline queued, or null. */
  get next(): number | null {
    return this.heap[0]?.dueAt ?? null;
  }

  /** Sets when `item` is due, or with null takes it out of the queue. */
  set(item: T, at: number | null): void {
    if (at === null) {
      if (item.dueSlot >= 0) this.removeAt(item.dueSlot);
      item.dueAt = null;
      return;
    }
    item.dueAt = at;
    if (item.dueSlot < 0) {
      item.dueSlot = this.heap.length;
      this.heap.push(item);
    }
    this.down(this.up(item.dueSlot));
  }

  /** Takes out and returns every item due at or before `now`, earliest first. */
  takeDue(now: number): T[] {
    const due: T[] = [];
    for (let first = this.heap[0]; first && first.dueAt! <= now; first = this.heap[0]) {
      this.removeAt(0);
      first.dueAt = null;
      due.push(first);
    }
    return due;
  }

  private removeAt(slot: number): void {
    const removed = this.heap[slot]!;
    const last = this.heap.pop()!;
    removed.dueSlot = -1;
    if (last === removed) return;
    this.place(last, slot);
    this.down(this.up(slot));
  }

  private place(item: T, slot: number): void {
    this.heap[slot] = item;
    item.dueSlot = slot;
  }

  private before(a: number, b: number): boolean {
    return this.heap[a]!.dueAt! < this.heap[b]!.dueAt!;
  }

  private swap(a: number, b: number): void {
    const item = this.heap[a]!;
    this.place(this.heap[b]!, a);
    this.place(item, b);
  }

  /** Moves the item at `slot` towards the top while it is earlier than its parent. */
  private up(slot: number): number {
    while (slot > 0) {
      const parent = (slot - 1) >> 1;
      if (!this.before(slot, parent)) break;
      this.swap(slot, parent);
      slot = parent;
    }
    return slot;
  }

  /** Moves the item at `slot` down while a child is earlier. */
  private down(slot: number): void {
    for (;;) {
      const left = 2 * slot + 1;
      const right = left + 1;
      let first = slot;
      if (left < this.heap.length && this.before(left, first)) first = left;
      if (right < this.heap.length && this.before(right, first)) first = right;
      if (first === slot) return;
      this.swap(slot, first);
      slot = first;
    }
  }
}
