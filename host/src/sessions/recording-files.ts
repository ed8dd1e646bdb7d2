// Where the debugger's files go: beside the document they belong to.

const DOCUMENT_SUFFIX = '.topology.json';

function stem(documentPath: string): string {
  if (!documentPath.endsWith(DOCUMENT_SUFFIX))
    throw new Error(`"${documentPath}" is not a topology document (*${DOCUMENT_SUFFIX})`);
  return documentPath.slice(0, -DOCUMENT_SUFFIX.length);
}

/** `dir/name.topology.json` → `dir/name.recording.json`. */
export function recordingPathFor(documentPath: string): string {
  return `${stem(documentPath)}.recording.json`;
}

/** `dir/name.topology.json` → `dir/name.test.ts` (the "Save as test" file). */
export function testPathFor(documentPath: string): string {
  return `${stem(documentPath)}.test.ts`;
}
