import { describe, expect, it } from 'vitest';
import { generate } from './generate.js';
import { doc, stringSource } from '@topograph/document/testing';

const filtered = (predicate: string) =>
  doc(
    [
      stringSource('lines'),
      { id: 'non-empty', kind: 'filter', label: 'Non-empty lines', config: { predicate } },
      { id: 'out', kind: 'sink.topic', config: { topic: 'out', keySerde: 'string', valueSerde: 'string' } },
    ],
    [
      ['lines', 'non-empty'],
      ['non-empty', 'out'],
    ],
  );

describe('generate', () => {
  it('writes readable code: named operators, explicit generics, the lambda verbatim, the label as a comment', async () => {
    const { files } = await generate(filtered('(key, value) => value.length > 0'), { typeCheck: false });
    const code = files[0]?.content ?? '';
    expect(files.map((f) => f.path)).toEqual(['topology.ts']);
    expect(code).toContain("const lines = builder.stream<string, string>('lines', {");
    expect(code).toContain('// Non-empty lines\n');
    expect(code).toContain(
      "const nonEmpty = lines.filter((key, value) => value.length > 0, { name: 'non-empty' });",
    );
    expect(code).toContain(
      "nonEmpty.to('out', { name: 'out', keySerde: Serdes.string(), valueSerde: Serdes.string() });",
    );
    expect(code).toMatch(/export function buildTopology\(\): Topology \{/);
  });

  it('is byte-for-byte stable', async () => {
    const a = await generate(filtered('(k, v) => v !== ""'), { typeCheck: false });
    const b = await generate(filtered('(k, v) => v !== ""'), { typeCheck: false });
    expect(a.files[0]?.content).toBe(b.files[0]?.content);
  });

  it('maps a type error inside a lambda to the node, field, and line/column inside that field', async () => {
    const predicate = "(key, value) => {\n  const n: number = 'not a number';\n  return n > 0;\n}";
    const { diagnostics } = await generate(filtered(predicate));
    const error = diagnostics.find((d) => d.code === 'ts2322');
    expect(error).toMatchObject({
      severity: 'error',
      nodeId: 'non-empty',
      field: 'predicate',
      line: 2,
      column: 9,
    });
  });

  it('points a type error against the runtime types at the lambda that caused it', async () => {
    // The stream carries strings: `value.amount` does not exist, on line 2 of the predicate.
    const { diagnostics } = await generate(filtered('(key, value) =>\n  value.amount > 0'));
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'ts2339',
        nodeId: 'non-empty',
        field: 'predicate',
        line: 2,
        column: 9,
      }),
    ]);
    // The well-typed version has no errors at all.
    const ok = await generate(filtered('(key, value) => value.length > 0'));
    expect(ok.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('maps errors in record type declarations to the type', async () => {
    const d = filtered('() => true');
    d.types = [{ name: 'Order', declaration: '{ id: strng }' }];
    const { diagnostics } = await generate(d);
    expect(diagnostics.find((p) => p.code === 'ts2552' || p.code === 'ts2304')).toMatchObject({
      field: 'types.Order',
      line: 1,
      column: 7,
    });
  });

  it('reports a lambda that does not parse at its node instead of failing', async () => {
    const { files, diagnostics } = await generate(filtered('(key, value) => value.length >'), {
      typeCheck: false,
    });
    expect(files).toHaveLength(1);
    expect(diagnostics.find((d) => d.code === 'syntax')).toMatchObject({
      nodeId: 'non-empty',
      field: 'predicate',
    });
  });

  it('keeps validation problems and leaves out nodes it cannot generate', async () => {
    const d = filtered('() => true');
    d.edges = d.edges.slice(1);
    const { files, diagnostics } = await generate(d, { typeCheck: false });
    expect(diagnostics.find((p) => p.code === 'input.missing')?.nodeId).toBe('non-empty');
    expect(files[0]?.content).not.toContain('nonEmpty');
  });
});
