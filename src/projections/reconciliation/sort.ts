/**
 * Sorting the few elements most facts and entries have. Array.prototype.sort allocates about a
 * kilobyte of working state per call (V8), even for three elements, and a rebuild sorts a few such
 * arrays per fact: most of the garbage it makes. An insertion sort of a few allocates nothing.
 */

const FEW = 16;

/** `a.sort(by)`: in place, stable, and the same order for any comparator that is a consistent order. */
export function sortFew<T>(a: T[], by: (x: T, y: T) => number): T[] {
  if (a.length > FEW) return a.sort(by);
  for (let i = 1; i < a.length; i++) {
    const x = a[i];
    let j = i;
    for (; j > 0 && by(a[j - 1], x) > 0; j--) a[j] = a[j - 1];
    a[j] = x;
  }
  return a;
}

/** The order of `.sort()` without a comparator, for strings (by UTF-16 code units). */
export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
