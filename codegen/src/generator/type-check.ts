import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { Project, ts, type Diagnostic } from 'ts-morph';

/** A compiler diagnostic with its offset in the checked text. */
export interface CheckDiagnostic {
  code: number;
  message: string;
  start: number | undefined;
  length: number;
  category: 'error' | 'warning';
}

/** The same strictness as the project's own tsconfig and the exported project's. */
export const CHECK_COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
  allowImportingTsExtensions: true,
};

/**
 * One long-lived ts-morph Project over the real file system: the runtime's sources and @types/node are read
 * and bound once, and each check only swaps the in-memory topology file, so TypeScript reuses the rest of the
 * program. The checked file is never written to disk.
 */
class TypeChecker {
  private readonly project: Project;
  private readonly dir: string;

  constructor() {
    this.dir = join(packageRoot(), '.check');
    this.project = new Project({
      compilerOptions: CHECK_COMPILER_OPTIONS,
      skipAddingFilesFromTsConfig: true,
    });
  }

  check(text: string): CheckDiagnostic[] {
    // One name, overwritten each time, keeps the program to the runtime plus a single topology file.
    const file = this.project.createSourceFile(join(this.dir, 'topology.ts'), text, { overwrite: true });
    const diagnostics = this.project
      .getProgram()
      .getSemanticDiagnostics(file)
      .concat(this.project.getProgram().getSyntacticDiagnostics(file));
    return diagnostics.map(toCheckDiagnostic);
  }
}

/**
 * A diagnostic's whole message. ts-morph's `getMessageText()` wraps a message chain in its own class, which
 * TypeScript's flattening does not read (every chained message came out `undefined`): flatten the compiler's.
 */
export const diagnosticMessage = (d: Diagnostic): string =>
  ts.flattenDiagnosticMessageText(d.compilerObject.messageText, '\n');

function toCheckDiagnostic(d: Diagnostic): CheckDiagnostic {
  return {
    code: d.getCode(),
    message: diagnosticMessage(d),
    start: d.getStart(),
    length: d.getLength() ?? 0,
    category: d.getCategory() === ts.DiagnosticCategory.Error ? 'error' : 'warning',
  };
}

/** codegen/ — where module resolution finds `@topograph/runtime` (workspace node_modules). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the codegen package root');
    dir = up;
  }
  return dir;
}

let shared: TypeChecker | undefined;

/** Type-checks a generated topology file against the runtime's types. */
export const typeCheck = (text: string): CheckDiagnostic[] => (shared ??= new TypeChecker()).check(text);

/**
 * Loads the runtime's and Node's declarations into the checker ahead of the first real check (a few seconds
 * on a cold start); a host calls it at startup so the first `generate` is as fast as later ones.
 */
export function warmUpTypeChecker(): void {
  typeCheck(
    "import { StreamsBuilder } from '@topograph/runtime';\nexport const b = new StreamsBuilder().build();\n",
  );
}
