// A port of java.util.TreeMap's red-black insertion, used as a TreeSet. Kafka's TopologyDescription puts
// nodes into TreeSets whose comparator reads a mutable "size"; once sizes change, the tree's in-order sequence
// depends on the exact tree shape, so only the same algorithm gives the same order as Kafka.

interface Entry<T> {
  key: T;
  left: Entry<T> | null;
  right: Entry<T> | null;
  parent: Entry<T> | null;
  black: boolean;
}

export class JavaTreeSet<T> {
  private root: Entry<T> | null = null;

  constructor(private readonly compare: (a: T, b: T) => number) {}

  add(key: T): boolean {
    let t = this.root;
    if (t === null) {
      this.root = { key, left: null, right: null, parent: null, black: true };
      return true;
    }
    let parent: Entry<T>;
    let cmp: number;
    do {
      parent = t;
      cmp = this.compare(key, t.key);
      if (cmp < 0) t = t.left;
      else if (cmp > 0) t = t.right;
      else return false;
    } while (t !== null);
    const e: Entry<T> = { key, left: null, right: null, parent, black: false };
    if (cmp < 0) parent.left = e;
    else parent.right = e;
    this.fixAfterInsertion(e);
    return true;
  }

  /** In-order traversal, as Java's iterator. */
  toArray(): T[] {
    const out: T[] = [];
    const walk = (e: Entry<T> | null): void => {
      if (!e) return;
      walk(e.left);
      out.push(e.key);
      walk(e.right);
    };
    walk(this.root);
    return out;
  }

  get size(): number {
    return this.toArray().length;
  }

  private fixAfterInsertion(start: Entry<T>): void {
    let x: Entry<T> | null = start;
    x.black = false;
    while (x !== null && x !== this.root && x.parent !== null && !x.parent.black) {
      const p: Entry<T> = x.parent;
      const g = p.parent;
      if (p === g?.left) {
        const y = g.right;
        if (y !== null && !y.black) {
          p.black = true;
          y.black = true;
          g.black = false;
          x = g;
        } else {
          if (x === p.right) {
            x = p;
            this.rotateLeft(x);
          }
          const xp = x.parent;
          if (xp) xp.black = true;
          const xg = xp?.parent ?? null;
          if (xg) {
            xg.black = false;
            this.rotateRight(xg);
          }
        }
      } else {
        const y = g?.left ?? null;
        if (y !== null && !y.black) {
          p.black = true;
          y.black = true;
          if (g) g.black = false;
          x = g;
        } else {
          if (x === p.left) {
            x = p;
            this.rotateRight(x);
          }
          const xp = x.parent;
          if (xp) xp.black = true;
          const xg = xp?.parent ?? null;
          if (xg) {
            xg.black = false;
            this.rotateLeft(xg);
          }
        }
      }
    }
    if (this.root) this.root.black = true;
  }

  private rotateLeft(p: Entry<T>): void {
    const r = p.right;
    if (!r) return;
    p.right = r.left;
    if (r.left) r.left.parent = p;
    r.parent = p.parent;
    if (p.parent === null) this.root = r;
    else if (p.parent.left === p) p.parent.left = r;
    else p.parent.right = r;
    r.left = p;
    p.parent = r;
  }

  private rotateRight(p: Entry<T>): void {
    const l = p.left;
    if (!l) return;
    p.left = l.right;
    if (l.right) l.right.parent = p;
    l.parent = p.parent;
    if (p.parent === null) this.root = l;
    else if (p.parent.right === p) p.parent.right = l;
    else p.parent.left = l;
    l.right = p;
    p.parent = l;
  }
}
