import KDBush from 'kdbush';

// Kilometres per degree on the sphere that distances are shown on (radius 6,371 km), east-west
// at Shanghai's latitude (31.2° N). Over the city's extent (30.7–31.9° N) the east-west scale
// varies by under 0.7%, so planar distances rank branches as the sphere does but for near-ties.
const KM_PER_DEGREE_LAT = (6371 * Math.PI) / 180;
const KM_PER_DEGREE_LNG = KM_PER_DEGREE_LAT * Math.cos((31.2 * Math.PI) / 180);
// Points per leaf: anything from 4 to 64 served the benchmark equally (docs/BENCHMARKS.md).
const NODE_SIZE = 16;
// Kilometres from the People's Square: small numbers, so single precision keeps them to the
// centimetre, and the tree's coordinates take half the memory (fewer cache misses per query).
const ORIGIN = { lng: 121.475, lat: 31.232 };
const toX = (lng: number) => (lng - ORIGIN.lng) * KM_PER_DEGREE_LNG;
const toY = (lat: number) => (lat - ORIGIN.lat) * KM_PER_DEGREE_LAT;

/**
 * A kd-tree (kdbush) over positions projected to kilometres: first the `kept` positions of a
 * previous tree, copied from its coordinates, then `points`. (When one branch moves among 200,000,
 * reading every other branch's row again for its place cost more than building the tree.)
 */
export function buildNearestIndex(
  points: readonly { lng: number; lat: number }[],
  kept?: { index: KDBush; positions: readonly number[] },
): KDBush {
  const positions = kept?.positions ?? [];
  const total = positions.length + points.length;
  const index = new KDBush(Math.max(1, total), NODE_SIZE, Float32Array);
  const coords = kept?.index.coords ?? [];
  for (const p of positions) index.add(coords[2 * p] as number, coords[2 * p + 1] as number);
  for (const p of points) index.add(toX(p.lng), toY(p.lat));
  // An empty tree's one placeholder sits at 0° 0°: never within reach.
  if (total === 0) index.add(toX(0), toY(0));
  index.finish();
  return index;
}

/**
 * Kilometres from a point to the point at `position`, from the tree's own coordinates (already in
 * cache after a search, unlike the branch's row): the plane at the pair's mean latitude, within a
 * metre of the great circle at a city's distances.
 */
export function distanceTo(index: KDBush, position: number, lng: number, lat: number): number {
  const dLng = ((index.coords[2 * position] as number) - toX(lng)) / KM_PER_DEGREE_LNG;
  const dLat = ((index.coords[2 * position + 1] as number) - toY(lat)) / KM_PER_DEGREE_LAT;
  const east = dLng * KM_PER_DEGREE_LAT * Math.cos(((lat + dLat / 2) * Math.PI) / 180);
  const north = dLat * KM_PER_DEGREE_LAT;
  return Math.sqrt(east * east + north * north);
}

// The search's working memory, reused by every query (the server answers one query at a time):
// typed arrays instead of arrays grown per query cut the search's share of a request from 9% to 7.5%
// of the server's samples at 200,000 branches (docs/BENCHMARKS.md).
// Pending subtrees, five numbers each (see below); one per level of the tree at most.
const pending = new Float64Array(5 * 64);
let scratch = { found: new Int32Array(64), squared: new Float64Array(64) };

/** Puts a subtree on the pending stack; the new top. */
function push(top: number, left: number, right: number, axis: number, gapX: number, gapY: number): number {
  pending[top] = left;
  pending[top + 1] = right;
  pending[top + 2] = axis;
  pending[top + 3] = gapX;
  pending[top + 4] = gapY;
  return top + 5;
}

/**
 * The positions in the tree's order (`index.ids[position]` is the point's place in the input) of
 * the `limit` nearest points within `radiusKm` that pass `fits`, nearest first. Callers keep their
 * data per point in the tree's order, so that a query reads neighbouring memory.
 * A depth-first k-nearest search over kdbush's arrays, near side first, so the bound tightens
 * fast and `fits` (the open-now check) runs only for points that would enter the result —
 * a few dozen per query instead of every point of every leaf visited. (A best-first search, by
 * a heap of boxes, examined fewer points but took twice as long over 200,000 branches.)
 * `fits` must not search itself: the working memory is shared.
 */
export function findNearestPositions(
  index: KDBush,
  lng: number,
  lat: number,
  limit: number,
  radiusKm: number,
  fits: (position: number) => boolean,
): number[] {
  const { coords, nodeSize } = index;
  const x = toX(lng);
  const y = toY(lat);
  if (scratch.found.length < limit) scratch = { found: new Int32Array(limit), squared: new Float64Array(limit) };
  // Sorted by distance: the positions found and their squared distances.
  const { found, squared } = scratch;
  let count = 0;
  let bound = radiusKm * radiusKm;
  // Far sides still to search, five numbers each: first, last, axis, and the squared distances
  // from the query to the subtree's box along x and along y. Their sum, a lower bound of the
  // distance to any point inside, is checked against the bound when the subtree is popped:
  // boxes prune far better than the one split line in sparse areas, where the first leaf's
  // points are kilometres apart.
  let top = push(0, 0, index.numItems - 1, 0, 0, 0);
  while (top > 0) {
    const gapY = pending[--top] as number;
    const gapX = pending[--top] as number;
    let axis = pending[--top] as number;
    let right = pending[--top] as number;
    let left = pending[--top] as number;
    if (gapX + gapY > bound) continue;
    // Down the near sides to a leaf, leaving each far side for later.
    while (left <= right) {
      const leaf = right - left <= nodeSize;
      const m = (left + right) >> 1;
      // A leaf's points, or the median on the way down; the few that count go in by insertion.
      const last = leaf ? right : m;
      for (let k = leaf ? left : m; k <= last; k++) {
        const dx = (coords[2 * k] as number) - x;
        const dy = (coords[2 * k + 1] as number) - y;
        const d = dx * dx + dy * dy;
        if (d > bound || (count === limit && d === bound) || !fits(k)) continue;
        let j = count;
        if (j === limit) j--;
        else count++;
        for (; j > 0 && (squared[j - 1] as number) > d; j--) {
          found[j] = found[j - 1] as number;
          squared[j] = squared[j - 1] as number;
        }
        found[j] = k;
        squared[j] = d;
        if (count === limit) bound = squared[limit - 1] as number;
      }
      if (leaf) break;
      // kdbush keeps points at or below the median on the left, at or above it on the right.
      // The far side's box lies |diff| away along this axis; the near side's box as its parent's.
      const diff = axis === 0 ? x - (coords[2 * m] as number) : y - (coords[2 * m + 1] as number);
      const far = diff * diff;
      const farX = axis === 0 ? far : gapX;
      const farY = axis === 0 ? gapY : far;
      if (diff <= 0) {
        top = push(top, m + 1, right, 1 - axis, farX, farY);
        right = m - 1;
      } else {
        top = push(top, left, m - 1, 1 - axis, farX, farY);
        left = m + 1;
      }
      axis = 1 - axis;
    }
  }
  return Array.from(found.subarray(0, count));
}
