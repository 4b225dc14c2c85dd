import { PageCache } from '../../src/timeline/timeline.queries';

const page = (n: number, bytes = 10) => ({ entries: [`{"n":${n}}`], nextCursor: null, bytes });

describe('PageCache', () => {
  it('serves a page only for the projection state it was read at', () => {
    const c = new PageCache<ReturnType<typeof page>>();
    c.set('1:10:5', 'q', page(1));
    expect(c.get('1:10:5', 'q')?.entries).toEqual(['{"n":1}']);
    expect(c.get('1:11:7', 'q')).toBeUndefined();
    expect(c.get('1:10:5', 'other')).toBeUndefined();
  });

  it('forgets every page of the old state when a page of a new state arrives', () => {
    const c = new PageCache<ReturnType<typeof page>>();
    c.set('s1', 'a', page(1));
    c.set('s1', 'b', page(2));
    c.set('s2', 'a', page(3));
    expect(c.get('s2', 'a')?.entries).toEqual(['{"n":3}']);
    expect(c.get('s1', 'b')).toBeUndefined();
    expect(c.get('s2', 'b')).toBeUndefined();
  });

  it('stays within its byte budget, dropping the least recently used page first', () => {
    const c = new PageCache<ReturnType<typeof page>>(100);
    c.set('s', 'a', page(1, 20));
    c.set('s', 'b', page(2, 20));
    c.set('s', 'c', page(3, 20));
    c.get('s', 'a'); // a is now more recent than b
    c.set('s', 'd', page(4, 20));
    c.set('s', 'e', page(5, 20));
    c.set('s', 'f', page(6, 20));
    expect(c.get('s', 'b')).toBeUndefined();
    expect(c.get('s', 'a')).toBeDefined();
    expect(c.get('s', 'f')).toBeDefined();
    // A page over a quarter of the budget is not kept at all.
    c.set('s', 'big', page(7, 30));
    expect(c.get('s', 'big')).toBeUndefined();
  });

  it('counts what a kept page grows by (its compressed copy), and then drops the least recently used pages', () => {
    const c = new PageCache<ReturnType<typeof page>>(100);
    const a = page(1, 20);
    c.set('s', 'a', a);
    c.set('s', 'b', page(2, 20));
    c.set('s', 'c', page(3, 20));
    c.set('s', 'd', page(4, 20));
    const grown = c.get('s', 'b')!; // b is now the most recent
    grown.bytes += 25;
    c.grew('s', 'b', grown, 25); // 105 bytes: a, the least recently used, goes
    expect(c.get('s', 'a')).toBeUndefined();
    expect(c.get('s', 'b')).toBe(grown);
    // Growth of a page no longer held, or of another state's, is not counted.
    a.bytes += 50;
    c.grew('s', 'a', a, 50);
    c.grew('old', 'b', grown, 50);
    expect(['b', 'c', 'd'].map((k) => c.get('s', k) !== undefined)).toEqual([true, true, true]);
  });
});
