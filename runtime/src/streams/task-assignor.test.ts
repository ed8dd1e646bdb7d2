import { describe, expect, it } from 'vitest';
import { assignTasks, type MemberTaskState } from './task-assignor.js';

const member = (
  memberId: string,
  active: number[] = [],
  positions: Record<number, number> = {},
): MemberTaskState => ({ memberId, active, positions });

const plain = (result: ReturnType<typeof assignTasks>) =>
  Object.fromEntries([...result].map(([id, a]) => [id, { active: a.active, standby: a.standby }]));

describe('assignTasks', () => {
  it('spreads a fresh group evenly by member id, and puts each standby on another member than its active', () => {
    const result = assignTasks([member('b'), member('a')], 4, 1);
    expect(plain(result)).toEqual({
      a: { active: [0, 2], standby: [1, 3] },
      b: { active: [1, 3], standby: [0, 2] },
    });
  });

  it('keeps active tasks where they ran (sticky)', () => {
    const result = assignTasks([member('a', [1, 3]), member('b', [0, 2])], 4, 0);
    expect(plain(result)).toEqual({ a: { active: [1, 3], standby: [] }, b: { active: [0, 2], standby: [] } });
  });

  it("gives a departed member's tasks to the members holding their standbys", () => {
    // c ran 2 and 5 and is gone; a keeps a standby of 2, b one of 5.
    const result = assignTasks(
      [member('a', [0, 3], { 2: 900, 5: 10 }), member('b', [1, 4], { 2: 10, 5: 900 })],
      6,
      1,
    );
    expect(result.get('a')!.active).toEqual([0, 2, 3]);
    expect(result.get('b')!.active).toEqual([1, 4, 5]);
  });

  it('prefers the most caught-up standby among several', () => {
    const result = assignTasks(
      [member('a', [], { 0: 100 }), member('b', [], { 0: 5000 }), member('c', [], { 0: 4999 })],
      1,
      2,
    );
    expect(result.get('b')!.active).toEqual([0]);
    // The standbys stay on the members that hold state, a fresh member would not be preferred.
    expect(result.get('a')!.standby).toEqual([0]);
    expect(result.get('c')!.standby).toEqual([0]);
  });

  it('balances before it sticks: a member that ran everything gives up its extra share to a newcomer', () => {
    const result = assignTasks([member('a', [0, 1, 2, 3]), member('b', [], { 2: 50, 3: 60 })], 4, 1);
    expect(result.get('a')!.active).toEqual([0, 1]);
    expect(result.get('b')!.active).toEqual([2, 3]);
    expect(result.get('a')!.standby).toEqual([2, 3]);
    expect(result.get('b')!.standby).toEqual([0, 1]);
  });

  it('spreads evenly when a member joins two that ran everything: none is left without a task', () => {
    const result = assignTasks([member('a', [0, 2]), member('b', [1, 3]), member('c')], 4, 0);
    expect(plain(result)).toEqual({
      a: { active: [0, 2], standby: [] },
      b: { active: [1], standby: [] },
      c: { active: [3], standby: [] },
    });
  });

  it('places fewer standbys than asked when the group is too small, never two copies on one member', () => {
    const alone = assignTasks([member('a')], 3, 1);
    expect(plain(alone)).toEqual({ a: { active: [0, 1, 2], standby: [] } });
    const two = assignTasks([member('a'), member('b')], 2, 3);
    expect(plain(two)).toEqual({ a: { active: [0], standby: [1] }, b: { active: [1], standby: [0] } });
  });

  it('spreads standbys evenly over the members that can take them', () => {
    const result = assignTasks([member('a'), member('b'), member('c')], 6, 1);
    for (const { active, standby } of result.values()) {
      expect(active).toHaveLength(2);
      expect(standby).toHaveLength(2);
      expect(standby.filter((n) => active.includes(n))).toEqual([]);
    }
  });

  it('refuses a negative replica count', () => {
    expect(() => assignTasks([member('a')], 1, -1)).toThrow(/non-negative integer/);
  });
});
