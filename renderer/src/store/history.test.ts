import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, record, redo, seal, startHistory, undo } from './history.js';

describe('history', () => {
  it('undoes and redoes to the exact previous states', () => {
    let h = startHistory('a');
    h = record(h, 'b');
    h = record(h, 'c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(h);
    h = redo(h);
    expect(h.present).toBe('c');
    expect(redo(h)).toBe(h);
  });

  it('drops the redo branch when a new change is recorded after undo', () => {
    let h = record(record(startHistory(1), 2), 3);
    h = record(undo(h), 4);
    expect(h.present).toBe(4);
    expect(h.future).toEqual([]);
    expect(undo(h).present).toBe(2);
  });

  it('coalesces repeated edits with one key into one step, and seal ends the step', () => {
    let h = startHistory('');
    h = record(h, 'x', 'field');
    h = record(h, 'xy', 'field');
    h = record(h, 'xyz', 'field');
    expect(undo(h).present).toBe('');
    h = record(seal(h), 'xyz!', 'field');
    expect(undo(h).present).toBe('xyz');
    h = record(h, 'other', 'another-field');
    expect(undo(h).present).toBe('xyz!');
  });

  it('ignores a change to the same object and keeps at most HISTORY_LIMIT steps', () => {
    const h0 = startHistory({ n: 0 });
    expect(record(h0, h0.present)).toBe(h0);
    let h = startHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 10; i++) h = record(h, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(10);
  });
});
