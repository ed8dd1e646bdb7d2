import { emptyDocument, newNode, type Problem, type TopologyDocument } from '@topograph/document';
import { beforeEach, describe, expect, it } from 'vitest';
import { useDesigner } from '../store/store.js';
import { reimportDraft, useCodeDraft } from './draft.js';
import { useUi } from '../store/ui.js';

const base = (): TopologyDocument => {
  const d = emptyDocument('t');
  return { ...d, nodes: [newNode(d, 'source.stream', { x: 0, y: 0 })] };
};
const withNode = (d: TopologyDocument): TopologyDocument => ({
  ...d,
  nodes: [...d.nodes, newNode(d, 'filter', { x: 240, y: 0 })],
});
const problem: Problem = {
  severity: 'error',
  code: 'parse.syntax',
  message: '3:7 ")" expected',
  line: 3,
  column: 7,
};

describe('reimportDraft', () => {
  beforeEach(() => {
    useDesigner.getState().load(base(), null);
    useCodeDraft.getState().cancel();
  });

  it('puts the parsed document on the canvas as one undoable step and closes the editor', async () => {
    const start = useDesigner.getState().history.present;
    useCodeDraft.getState().begin('code', start);
    useCodeDraft.getState().edit('edited code');
    let seen: [string, TopologyDocument | undefined] | undefined;
    const ok = await reimportDraft(async (source, over) => {
      seen = [source, over];
      return { document: withNode(start), problems: [] };
    });
    expect(ok).toBe(true);
    expect(seen).toEqual(['edited code', start]);
    expect(useDesigner.getState().history.present.nodes).toHaveLength(2);
    expect(useCodeDraft.getState().text).toBeNull();
    useDesigner.getState().undo();
    expect(useDesigner.getState().history.present).toBe(start);
  });

  it('keeps the canvas and the edited text when the parser reports problems', async () => {
    const start = useDesigner.getState().history.present;
    useCodeDraft.getState().begin('broken code', start);
    const ok = await reimportDraft(async () => ({ document: withNode(start), problems: [problem] }));
    expect(ok).toBe(false);
    expect(useDesigner.getState().history.present).toBe(start);
    expect(useDesigner.getState().history.past).toEqual([]);
    expect(useCodeDraft.getState()).toMatchObject({ text: 'broken code', problems: [problem], busy: false });
    expect(useUi.getState().notice?.kind).toBe('error');
  });

  it('adds no undo step when the code reads back as the canvas already is', async () => {
    const start = useDesigner.getState().history.present;
    useCodeDraft.getState().begin('code', start);
    await reimportDraft(async () => ({
      document: { ...start, nodes: start.nodes.map((n) => ({ ...n })) },
      problems: [],
    }));
    expect(useDesigner.getState().history.past).toEqual([]);
    expect(useCodeDraft.getState().text).toBeNull();
  });

  it('keeps typing done while the parser ran', async () => {
    const start = useDesigner.getState().history.present;
    useCodeDraft.getState().begin('code', start);
    const ok = await reimportDraft(async () => {
      useCodeDraft.getState().edit('code typed meanwhile');
      return { document: withNode(start), problems: [] };
    });
    expect(ok).toBe(false);
    expect(useDesigner.getState().history.present).toBe(start);
    expect(useCodeDraft.getState().text).toBe('code typed meanwhile');
  });
});
