import type { SerdeName, TopologyDocument } from '@topograph/document';

/**
 * A record value to start from for a topic: the type's first sample when it has samples, else a value shaped
 * like its declaration (`{ user: string; premium?: boolean }` → `{ user: '', premium: false }`), else what the
 * serde reads (`''`, `0`, `{}`).
 */
export function valueTemplate(
  doc: TopologyDocument,
  serde: SerdeName,
  typeName: string | undefined,
): unknown {
  if (serde === 'string' || serde === 'bytes') return '';
  if (serde === 'long' || serde === 'double') return 0;
  const type = doc.types.find((t) => t.name === typeName);
  if (!type) return {};
  if (type.declaration !== undefined) {
    const shaped = templateOfType(type.declaration, doc);
    if (shaped !== undefined) return shaped;
  }
  return type.samples?.[0] ?? {};
}

/** A value of a TypeScript type expression (optional members left out), or undefined when the expression is beyond this small reader. */
export function templateOfType(text: string, doc?: TopologyDocument): unknown {
  const r = new TypeReader(text, doc, 0);
  try {
    const v = r.union();
    r.skip();
    return r.atEnd() ? v : undefined;
  } catch {
    return undefined;
  }
}

const MAX_DEPTH = 8;

class TypeReader {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly doc: TopologyDocument | undefined,
    private readonly depth: number,
  ) {}

  atEnd(): boolean {
    return this.i >= this.s.length;
  }

  skip(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i] ?? '')) this.i++;
  }

  private peek(): string {
    this.skip();
    return this.s[this.i] ?? '';
  }

  private eat(c: string): void {
    if (this.peek() !== c) throw new Error(`expected ${c} at ${this.i}`);
    this.i++;
  }

  /** `A | B`: the first member that is not null/undefined. */
  union(): unknown {
    if (this.peek() === '|') this.i++;
    const members = [this.postfix()];
    while (this.peek() === '|') {
      this.i++;
      members.push(this.postfix());
    }
    return members.find((m) => m !== null && m !== undefined) ?? members[0];
  }

  private postfix(): unknown {
    let v = this.primary();
    while (this.peek() === '[' && this.s[this.i + 1] === ']') {
      this.i += 2;
      v = [];
    }
    return v;
  }

  private primary(): unknown {
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '(') {
      this.i++;
      const v = this.union();
      this.eat(')');
      return v;
    }
    if (c === "'" || c === '"') {
      const end = this.s.indexOf(c, this.i + 1);
      if (end < 0) throw new Error('unterminated string');
      const v = this.s.slice(this.i + 1, end);
      this.i = end + 1;
      return v;
    }
    const m = /^-?\d+(\.\d+)?|^[A-Za-z_$][\w$]*/.exec(this.s.slice(this.i));
    if (!m) throw new Error(`unexpected ${c}`);
    this.i += m[0].length;
    const word = m[0];
    if (/^-?\d/.test(word)) return Number(word);
    if (this.peek() === '<') {
      // Array<T>, Record<K, V>: the generic's own shape.
      this.skipGeneric();
      return word === 'Array' || word === 'ReadonlyArray' ? [] : {};
    }
    switch (word) {
      case 'string':
        return '';
      case 'number':
      case 'bigint':
        return 0;
      case 'boolean':
      case 'false':
        return false;
      case 'true':
        return true;
      case 'null':
        return null;
      case 'undefined':
        return undefined;
      default: {
        const named = this.doc?.types.find((t) => t.name === word);
        if (named?.declaration !== undefined && this.depth < MAX_DEPTH) {
          const inner = new TypeReader(named.declaration, this.doc, this.depth + 1).union();
          return inner;
        }
        return named?.samples?.[0] ?? null;
      }
    }
  }

  private skipGeneric(): void {
    let depth = 0;
    do {
      const c = this.s[this.i++];
      if (c === undefined) throw new Error('unterminated generic');
      if (c === '<') depth++;
      else if (c === '>') depth--;
    } while (depth > 0);
  }

  private object(): Record<string, unknown> {
    this.eat('{');
    const out: Record<string, unknown> = {};
    while (this.peek() !== '}') {
      if (this.peek() === '') throw new Error('unterminated object type');
      const m = /^(?:readonly\s+)?(?:(['"])(.*?)\1|([A-Za-z_$][\w$]*))\s*(\?)?\s*:/.exec(
        this.s.slice(this.i),
      );
      if (!m) throw new Error(`unexpected member at ${this.i}`);
      this.i += m[0].length;
      const key = m[2] ?? m[3] ?? '';
      const value = this.union();
      // Optional members are left out: the smallest record the type accepts.
      if (m[4] === undefined) out[key] = value === undefined ? null : value;
      const sep = this.peek();
      if (sep === ';' || sep === ',') this.i++;
    }
    this.eat('}');
    return out;
  }
}
