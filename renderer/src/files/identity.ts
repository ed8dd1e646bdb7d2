import type { TopologyDocument } from '@topograph/document';

/** The name "New topology" gives a document. */
export const UNTITLED = 'untitled';

const SUFFIX = '.topology.json';

/** The document name a saved path stands for: `flows/clickstream-enrich.topology.json` → `clickstream-enrich`. */
export function nameOfPath(path: string): string {
  const file = path.split(/[\\/]/).pop() ?? path;
  return file.endsWith(SUFFIX) ? file.slice(0, -SUFFIX.length) : file;
}

/** A Kafka application.id from a name: only the characters Kafka accepts in topic names ([A-Za-z0-9._-]). */
export const applicationIdFor = (name: string): string =>
  name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || UNTITLED;

/**
 * The document as saved under `path`: an untitled document takes the file's name, and its application id
 * follows when it was unset or still "untitled". A name or application id the user chose (or a template's) is
 * kept. Returns `doc` itself when nothing changes.
 */
export function withIdentity(doc: TopologyDocument, path: string): TopologyDocument {
  const name = nameOfPath(path);
  if (doc.name !== UNTITLED || name === '' || name === doc.name) return doc;
  const appId = doc.settings.applicationId;
  const followsName = appId === undefined || appId === doc.name || appId === UNTITLED;
  return {
    ...doc,
    name,
    settings: followsName ? { ...doc.settings, applicationId: applicationIdFor(name) } : doc.settings,
  };
}
