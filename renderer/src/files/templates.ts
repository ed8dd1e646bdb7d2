// The example topologies, bundled at build time so "New from template" works without a host.
const raw = import.meta.glob<string>('../../../examples/*.topology.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export interface Template {
  name: string;
  text: string;
}

export const TEMPLATES: Template[] = Object.entries(raw)
  .map(([path, text]) => ({ name: (path.split('/').pop() ?? path).replace(/\.topology\.json$/, ''), text }))
  .sort((a, b) => a.name.localeCompare(b.name));
