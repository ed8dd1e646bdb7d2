import ts from 'typescript';
import type { LambdaSource } from '../../renderer/src/monaco/lambda-fields.js';

/** Monaco's compiler options for lambdas (setup.ts); with no `lib`, TypeScript takes the target's full lib. */
const OPTIONS: ts.CompilerOptions = { target: ts.ScriptTarget.ESNext, strict: true, noEmit: true };

/**
 * The check the designer runs in Monaco's TypeScript worker, run with the TypeScript package instead: each
 * lambda's snippet as its own file, errors as `<node>.<field>: message`.
 */
export function typeCheckLambdas(lambdas: readonly LambdaSource[]): string[] {
  const files = new Map(lambdas.map((l, i) => [`/lambda-${i}.ts`, l]));
  const host = ts.createCompilerHost(OPTIONS);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => {
    const l = files.get(name);
    return l ? ts.createSourceFile(name, l.text, version, true) : read(name, version, ...rest);
  };
  host.fileExists = (
    (exists) => (name: string) =>
      files.has(name) || exists(name)
  )(host.fileExists);
  const program = ts.createProgram([...files.keys()], OPTIONS, host);
  const out: string[] = [];
  for (const [name, l] of files) {
    const sf = program.getSourceFile(name);
    const diags = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    for (const d of diags)
      out.push(`${l.ref.nodeId}.${l.ref.field}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }
  return out;
}
