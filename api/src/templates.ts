/** Example documents end in this; templates are named by their file name. */
export const TEMPLATE_SUFFIX = '.topology.json';

/** `word-count.topology.json` → `Word Count`: one rule for the host's templates and the no-host fallback's. */
export function templateTitle(fileName: string): string {
  return fileName
    .slice(0, fileName.endsWith(TEMPLATE_SUFFIX) ? -TEMPLATE_SUFFIX.length : undefined)
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}
