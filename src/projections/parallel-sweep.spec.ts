import { splitGroups } from './parallel-sweep';

describe('splitGroups', () => {
  it('shares the groups out by facts, largest first, each to the lighter share', () => {
    const counts = [
      { group: 'visit', n: 20 },
      { group: 'statement', n: 44 },
      { group: 'casualties', n: 31 },
      { group: 'arrest', n: 9 },
      { group: 'protest', n: 9 },
    ];
    expect(splitGroups(counts)).toEqual([
      ['statement', 'arrest'],
      ['casualties', 'visit', 'protest'],
    ]);
  });

  it('is the same whatever order the counts come in', () => {
    const counts = [
      { group: 'a', n: 5 },
      { group: 'b', n: 5 },
      { group: 'c', n: 3 },
    ];
    expect(splitGroups([...counts].reverse())).toEqual(splitGroups(counts));
    expect(splitGroups(counts)).toEqual([['a', 'c'], ['b']]);
  });
});
