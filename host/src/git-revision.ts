import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Baseline } from '@topograph/codegen';
import { loadDocument } from '@topograph/document';
import { GIT_REVISION, type ParsedInput } from '@topograph/api';

const run = promisify(execFile);

/**
 * The text of a workspace file at a git revision (`git show <revision>:./<path>` in the workspace), or an
 * error saying why not: the workspace is no git repository, the revision is unknown, the file was not there.
 */
export async function readAtRevision(workspace: string, path: string, revision: string): Promise<string> {
  if (!GIT_REVISION.test(revision)) throw new Error(`"${revision}" is not a git revision`);
  try {
    const { stdout } = await run('git', ['show', `${revision}:./${path}`], {
      cwd: workspace,
      maxBuffer: 20_000_000,
    });
    return stdout;
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim();
    throw new Error(`cannot read ${path} at ${revision}: ${stderr || (e as Error).message}`);
  }
}

/** A `compat.check` baseline as the analysis takes it: a git revision is read into the document it was. */
export async function resolveBaseline(
  workspace: string,
  baseline: ParsedInput<'compat.check'>['baseline'],
): Promise<Baseline> {
  if (baseline.kind !== 'git') return baseline;
  const text = await readAtRevision(workspace, baseline.path, baseline.revision);
  const { document, problems } = loadDocument(text);
  if (!document)
    throw new Error(`${baseline.path} at ${baseline.revision}: ${problems.map((p) => p.message).join('; ')}`);
  return { kind: 'document', document };
}
