import type { TopologyDocument, TypeDeclaration } from '@topograph/codegen';

const SOURCE_KINDS = new Set(['source.stream', 'source.table', 'source.globalTable']);

/**
 * What the producer box starts with for a topic: the document's sample records for it (`settings.testData`),
 * else one record shaped like the source's value type (its first sample, or a value built from its
 * declaration: `""` for strings, `0` for numbers …), or an empty box for a plain string topic.
 */
export function recordTemplate(doc: TopologyDocument, topic: string): string {
  const samples = doc.settings.testData?.[topic];
  if (samples && samples.length > 0)
    return samples
      .map((r) =>
        JSON.stringify({
          key: r.key,
          value: r.value,
          ...(r.timestamp !== undefined ? { timestamp: r.timestamp } : {}),
        }),
      )
      .join('\n');
  const source = doc.nodes.find(
    (n) => SOURCE_KINDS.has(n.kind) && (n.config as { topic?: unknown }).topic === topic,
  );
  if (!source) return '';
  const c = source.config as {
    keySerde?: unknown;
    valueSerde?: unknown;
    valueType?: unknown;
    keyType?: unknown;
  };
  const value = valueOf(c.valueSerde, c.valueType, doc.types);
  if (value === undefined) return '';
  const key = valueOf(c.keySerde, c.keyType, doc.types) ?? 'key-1';
  return JSON.stringify({ key: key === '' ? 'key-1' : key, value });
}

function valueOf(serde: unknown, type: unknown, types: readonly TypeDeclaration[]): unknown {
  if (serde === 'long' || serde === 'double') return 0;
  if (serde !== 'json') return undefined;
  const declared = typeof type === 'string' ? types.find((t) => t.name === type) : undefined;
  if (declared?.samples?.[0] !== undefined) return declared.samples[0];
  const text = declared?.declaration ?? (typeof type === 'string' ? type : undefined);
  if (text === undefined) return {};
  return new TypeSkeleton(text, types).read() ?? {};
}

/** A value of a TypeScript type expression, read by a small recursive-descent reader (no compiler here). */
class TypeSkeleton {
  private at = 0;
  private readonly seen = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly types: readonly TypeDeclaration[],
  ) {}

  read(): unknown {
    try {
      return this.union();
    } catch {
      return undefined;
    }
  }

  private union(): unknown {
    this.eat('|');
    const first = this.postfix();
    while (this.eat('|')) this.postfix();
    return first;
  }

  private postfix(): unknown {
    let v = this.primary();
    while (this.peek('[')) {
      this.expect('[');
      this.expect(']');
      v = [];
    }
    return v;
  }

  private primary(): unknown {
    this.space();
    const c = this.text[this.at];
    if (c === '{') return this.object();
    if (c === '(') {
      this.at++;
      const v = this.union();
      this.expect(')');
      return v;
    }
    if (c === "'" || c === '"') {
      const end = this.text.indexOf(c, this.at + 1);
      const lit = this.text.slice(this.at + 1, end);
      this.at = end + 1;
      return lit;
    }
    const word = /^[A-Za-z_$][\w$.]*|^-?\d+(\.\d+)?/.exec(this.text.slice(this.at))?.[0];
    if (word === undefined) throw new Error(`unexpected "${c}"`);
    this.at += word.length;
    if (this.peek('<')) {
      this.expect('<');
      const arg = this.union();
      while (this.eat(',')) this.union();
      this.expect('>');
      return word === 'Array' || word === 'ReadonlyArray' ? [] : word === 'Record' ? {} : arg;
    }
    return this.named(word);
  }

  private named(word: string): unknown {
    switch (word) {
      case 'string':
        return '';
      case 'number':
        return 0;
      case 'boolean':
      case 'false':
        return false;
      case 'true':
        return true;
      case 'null':
      case 'undefined':
      case 'unknown':
      case 'any':
        return null;
    }
    if (/^-?\d/.test(word)) return Number(word);
    const t = this.types.find((d) => d.name === word);
    if (!t || this.seen.has(word)) return null;
    if (t.samples?.[0] !== undefined) return t.samples[0];
    this.seen.add(word);
    const v = t.declaration ? new TypeSkeleton(t.declaration, this.types).read() : null;
    this.seen.delete(word);
    return v ?? null;
  }

  private object(): Record<string, unknown> {
    this.expect('{');
    const out: Record<string, unknown> = {};
    while (!this.eat('}')) {
      this.space();
      const name = /^(?:[A-Za-z_$][\w$]*|'[^']*'|"[^"]*")/.exec(this.text.slice(this.at))?.[0];
      if (name === undefined) throw new Error('expected a property');
      this.at += name.length;
      const optional = this.eat('?');
      this.expect(':');
      const v = this.union();
      // Optional properties are left out, so the template is the smallest valid record.
      if (!optional) out[name.replace(/^['"]|['"]$/g, '')] = v;
      if (!this.eat(';')) this.eat(',');
    }
    return out;
  }

  private space(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at++;
  }

  private peek(s: string): boolean {
    this.space();
    return this.text.startsWith(s, this.at);
  }

  private eat(s: string): boolean {
    if (!this.peek(s)) return false;
    this.at += s.length;
    return true;
  }

  private expect(s: string): void {
    if (!this.eat(s)) throw new Error(`expected "${s}"`);
  }
}
