/** Counts everything that went wrong during the run, by kind, with a few examples. */
export class ErrorLog {
  private readonly counts = new Map<string, number>();
  private readonly examples: string[] = [];

  record(kind: string, detail: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    if (this.examples.length < 10) this.examples.push(`${kind}: ${detail}`);
  }

  add(kind: string, count: number, example: string): void {
    if (count <= 0) return;
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + count);
    if (this.examples.length < 10) this.examples.push(`${kind}: ${example}`);
  }

  get total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  describe(): string {
    if (this.total === 0) return 'none';
    const kinds = [...this.counts].map(([kind, count]) => `${kind}=${count}`).join(', ');
    return `${this.total} (${kinds}); e.g. ${this.examples.join(' | ')}`;
  }
}
