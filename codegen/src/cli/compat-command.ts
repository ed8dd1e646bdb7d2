import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { generate } from '../generator/generate.js';
import { fixDocument } from '../compat/describe-document.js';
import {
  compatReport,
  fixLabel,
  formatReport,
  serializeDocument,
  type CompatReport,
} from '@topograph/document';
import { readVersion } from '../compat/versions.js';
import { UsageError, type Io } from './commands.js';

export interface CompatOptions {
  fix?: boolean;
  json?: boolean;
  /** The application id of a describe() baseline (describe() prints none); defaults to the current one's. */
  applicationId?: string;
}

/**
 * `topograph compat <baseline> <current>`: exit 0 when the current version keeps the running one's state, 1
 * when it loses state or strands records, 2 when it is incompatible. `--fix` pins the old names into
 * `<current>` (a document, or generated code, which is generated again) and reports what is left.
 */
export async function compatCommand(
  baselineFile: string,
  currentFile: string,
  options: CompatOptions,
  io: Io,
): Promise<number> {
  const current = await readVersion(currentFile);
  const baseline = await readVersion(
    baselineFile,
    options.applicationId ?? current.footprint.applicationId ?? undefined,
  );
  let report: CompatReport = compatReport(baseline.footprint, current.footprint, current.document);
  if (options.fix) {
    if (!current.document)
      throw new UsageError(`--fix needs a document or code as <current>, not a describe() text`);
    const fixed = await fixDocument(baseline.footprint, current.document);
    if (fixed.applied.length > 0) {
      const text =
        current.format === 'document'
          ? serializeDocument(fixed.document)
          : ((await generate(fixed.document, { sourceName: basename(currentFile), typeCheck: false }))
              .files[0]?.content ?? '');
      await writeFile(currentFile, text);
      if (!options.json) for (const f of fixed.applied) io.out(`fixed: ${fixLabel(f)}`);
      if (!options.json) io.out(`wrote ${currentFile}`);
    }
    report = fixed.report;
  }
  if (options.json) io.out(JSON.stringify(report, null, 2));
  else for (const line of formatReport(report)) (report.exitCode === 0 ? io.out : io.err)(line);
  return report.exitCode;
}
