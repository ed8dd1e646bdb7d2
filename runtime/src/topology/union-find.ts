/** Kafka's QuickUnion over node names: nodes linked by edges or shared stores end up in one sub-topology. */
export class UnionFind {
  private readonly parent = new Map<string, string>();

  add(id: string): void {
    if (!this.parent.has(id)) this.parent.set(id, id);
  }

  root(id: string): string {
    let current = id;
    for (;;) {
      const p = this.parent.get(current);
      if (p === undefined) throw new Error(`unknown node "${id}"`);
      if (p === current) return current;
      const grand = this.parent.get(p) as string;
      this.parent.set(current, grand);
      current = grand;
    }
  }

  unite(id: string, ...others: string[]): void {
    let root = this.root(id);
    for (const other of others) {
      const otherRoot = this.root(other);
      if (otherRoot !== root) {
        this.parent.set(otherRoot, root);
        root = this.root(id);
      }
    }
  }
}
