import { describe, expect, it } from 'vitest';
import { nodeGroups } from './node-groups.js';

const g = (name: string, ...predecessors: string[]) => ({ name, predecessors });

describe('canvas nodes to processors', () => {
  it('groups the five processors of a stream–stream join, entering at both windows and leaving at merge', () => {
    const graph = [
      g('clicks'),
      g('searches'),
      g('j-this-windowed', 'clicks'),
      g('j-other-windowed', 'searches'),
      g('j-this-join', 'j-this-windowed'),
      g('j-other-join', 'j-other-windowed'),
      g('j-merge', 'j-this-join', 'j-other-join'),
      g('out', 'j-merge'),
    ];
    const groups = nodeGroups(['clicks', 'searches', 'j', 'out'], graph);
    expect(groups.find((x) => x.nodeId === 'j')).toEqual({
      nodeId: 'j',
      members: ['j-this-windowed', 'j-other-windowed', 'j-this-join', 'j-other-join', 'j-merge'],
      entries: ['j-this-windowed', 'j-other-windowed'],
      exits: ['j-merge'],
    });
    expect(groups.find((x) => x.nodeId === 'out')).toEqual({
      nodeId: 'out',
      members: ['out'],
      entries: ['out'],
      exits: ['out'],
    });
  });

  it('keeps a node with its own processor to that one, and gives a branch its split and branches', () => {
    const graph = [
      g('by-page'),
      g('by-page-repartition-filter', 'by-page'),
      g('route-', 'by-page'),
      g('route-a', 'route-'),
      g('route-b', 'route-'),
      g('to-a', 'route-a'),
    ];
    const groups = nodeGroups(['by-page', 'route', 'to-a'], graph);
    expect(groups.find((x) => x.nodeId === 'by-page')?.members).toEqual(['by-page']);
    expect(groups.find((x) => x.nodeId === 'route')).toEqual({
      nodeId: 'route',
      members: ['route-', 'route-a', 'route-b'],
      entries: ['route-'],
      exits: ['route-a', 'route-b'],
    });
  });
});
