import { Node, type FunctionDeclaration, type SourceFile } from 'ts-morph';
import { RUNTIME } from '../generator/emit-file.js';
import { oneLine } from './leftovers.js';

/**
 * Code around buildTopology() that the document does not keep, so a file generated from it would lose it:
 * every top-level statement but imports from the runtime (the generator writes those from what the code
 * uses), record types (read into the document) and the function itself; and the function's parameters.
 */
export function outsideTopology(
  file: SourceFile,
  fn: FunctionDeclaration,
): Array<{ node: Node; message: string }> {
  const out: Array<{ node: Node; message: string }> = [];
  for (const s of file.getStatements()) {
    if (s === fn || Node.isTypeAliasDeclaration(s) || Node.isInterfaceDeclaration(s)) continue;
    if (Node.isImportDeclaration(s)) {
      // Not getModuleSpecifierValue(): it throws on broken code, where the specifier is no string.
      const specifier = s.getNodeProperty('moduleSpecifier');
      const from = Node.isStringLiteral(specifier) ? specifier.getLiteralValue() : specifier.getText();
      if (from !== RUNTIME)
        out.push({
          node: s,
          message: `the import from '${from}' is kept out of the document: generated code imports only from ${RUNTIME}`,
        });
      continue;
    }
    out.push({
      node: s,
      message: `code outside buildTopology() is kept out of the document: ${oneLine(s.getText())}`,
    });
  }
  for (const p of fn.getParameters())
    out.push({
      node: p,
      message: `buildTopology() takes no parameters; \`${p.getText()}\` is kept out of the document`,
    });
  return out;
}
