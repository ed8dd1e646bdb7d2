import { templateTitle, type Template } from '@topograph/api';

// Without a host there is no examples folder to read: the no-host transport loads this module (its own chunk,
// fetched only then) with the examples as they were at build time.
const raw = import.meta.glob<string>('../../../examples/*.topology.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const BUNDLED_TEMPLATES: Template[] = Object.entries(raw)
  .map(([path, text]) => {
    const name = path.split('/').pop() ?? path;
    return { name, title: templateTitle(name), text };
  })
  .sort((a, b) => a.name.localeCompare(b.name));
