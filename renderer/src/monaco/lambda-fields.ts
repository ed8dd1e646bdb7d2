import { analyze, configFields, getKind, type ConfigField, type TopologyDocument } from '@topograph/document';
import { lambdaSnippet } from './lambda-wrapper.js';

/** One lambda field of one node, by its config path (`joiner`, `branches.0.predicate`). */
export interface LambdaRef {
  nodeId: string;
  field: string;
}

/** A lambda field with its text (possibly empty). */
export interface LambdaField extends LambdaRef {
  code: string;
}

/** Every code field of the document, list items' included, with its text ('' when unset). */
export function lambdaFields(doc: TopologyDocument): LambdaField[] {
  const out: LambdaField[] = [];
  const visit = (nodeId: string, fields: ConfigField[], config: Record<string, unknown>, path: string) => {
    for (const f of fields) {
      const value = config[f.name];
      if (f.editor === 'code')
        out.push({ nodeId, field: path + f.name, code: typeof value === 'string' ? value : '' });
      else if (f.itemFields && Array.isArray(value))
        value.forEach((item: unknown, i) => {
          if (typeof item === 'object' && item !== null)
            visit(nodeId, f.itemFields ?? [], item as Record<string, unknown>, `${path}${f.name}.${i}.`);
        });
    }
  };
  for (const n of doc.nodes) if (getKind(n.kind)) visit(n.id, configFields(n.kind), n.config, '');
  return out;
}

/** A lambda as the text its check reads, and where its code sits in that text. */
export interface LambdaSource {
  ref: LambdaRef;
  text: string;
  start: number;
  end: number;
}

/** The snippets of every lambda that holds code: what the designer type-checks (lambda-check.ts). */
export function lambdaSources(doc: TopologyDocument): LambdaSource[] {
  const analysis = analyze(doc);
  return lambdaFields(doc)
    .filter((f) => f.code.trim() !== '')
    .map((f) => {
      const { prefix, suffix } = lambdaSnippet(doc, f.nodeId, f.field, analysis);
      return {
        ref: { nodeId: f.nodeId, field: f.field },
        text: prefix + f.code + suffix,
        start: prefix.length,
        end: prefix.length + f.code.length,
      };
    });
}
