const KEY = 'topograph.recent';
const MAX = 8;

/** Recently opened or saved files, newest first. */
export function recentFiles(storage: Storage = localStorage): string[] {
  try {
    const v = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberFile(path: string, storage: Storage = localStorage): void {
  storage.setItem(
    KEY,
    JSON.stringify([path, ...recentFiles(storage).filter((p) => p !== path)].slice(0, MAX)),
  );
}
