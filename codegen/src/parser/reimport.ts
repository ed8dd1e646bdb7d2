import { generate } from '../generator/generate.js';
import type { DocumentNode, TopologyDocument, TypeDeclaration } from '@topograph/document';
import { parse, type ParseResult } from './parse.js';

/**
 * Reads edited code back over the document it was generated from, changing only what the edit changed.
 *
 * Code does not carry everything a document holds, and what it carries comes back reformatted: lambdas as
 * Prettier printed them, inferred generics as explicit type fields, record types inferred from samples as
 * declarations. So the document's own code is parsed too, and every label, config field and record type that
 * reads the same in both keeps the document's value; only what differs takes the edited code's value.
 */
export async function reimport(source: string, base: TopologyDocument): Promise<ParseResult> {
  const edited = parse(source, { base });
  const generated = (await generate(base, { typeCheck: false })).files[0]?.content;
  if (generated === undefined) return edited;
  const before = parse(generated, { base }).document;
  const baseNodes = new Map(base.nodes.map((n) => [n.id, n]));
  const beforeNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const nodes = edited.document.nodes.map((n) => {
    const was = baseNodes.get(n.id);
    const read = beforeNodes.get(n.id);
    return was && read && was.kind === n.kind ? keepUnchanged(n, read, was) : n;
  });
  return {
    document: { ...edited.document, nodes, types: keepTypes(edited.document, before, base) },
    problems: edited.problems,
  };
}

/** Per label and config field: the base's value where the edit left the code as generated. */
function keepUnchanged(edited: DocumentNode, read: DocumentNode, base: DocumentNode): DocumentNode {
  const config: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(edited.config), ...Object.keys(base.config)])) {
    const value = same(edited.config[key], read.config[key]) ? base.config[key] : edited.config[key];
    if (value !== undefined) config[key] = value;
  }
  const { label: _label, ...rest } = edited;
  const label = edited.label === read.label ? base.label : edited.label;
  return { ...rest, ...(label !== undefined ? { label } : {}), config };
}

function keepTypes(
  edited: TopologyDocument,
  before: TopologyDocument,
  base: TopologyDocument,
): TypeDeclaration[] {
  const read = new Map(before.types.map((t) => [t.name, t]));
  const original = new Map(base.types.map((t) => [t.name, t]));
  const types = edited.types.map((t) => {
    const was = original.get(t.name);
    return was && same(t, read.get(t.name)) ? was : t;
  });
  // The base's types first, in its order.
  const rank = new Map(base.types.map((t, i) => [t.name, i]));
  const known = types.filter((t) => rank.has(t.name));
  known.sort((a, b) => (rank.get(a.name) ?? 0) - (rank.get(b.name) ?? 0));
  return [...known, ...types.filter((t) => !rank.has(t.name))];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
