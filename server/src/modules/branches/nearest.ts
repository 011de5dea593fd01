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

/** A kd-tree (kdbush) over positions projected to kilometres. */
export function buildNearestIndex(points: readonly { lng: number; lat: number }[]): KDBush {
  const index = new KDBush(Math.max(1, points.length), NODE_SIZE, Float32Array);
  for (const p of points) index.add(toX(p.lng), toY(p.lat));
  // An empty tree's one placeholder sits at 0° 0°: never within reach.
  if (points.length === 0) index.add(toX(0), toY(0));
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

/**
 * The positions in the tree's order (`index.ids[position]` is the point's place in the input) of
 * the `limit` nearest points within `radiusKm` that pass `fits`, nearest first. Callers keep their
 * data per point in the tree's order, so that a query reads neighbouring memory.
 * A depth-first k-nearest search over kdbush's arrays, near side first, so the bound tightens
 * fast and `fits` (the open-now check) runs only for points that would enter the result —
 * a few dozen per query instead of every point of every leaf visited. (A best-first search, by
 * a heap of boxes, examined fewer points but took twice as long over 200,000 branches.)
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
  // Sorted by distance: the positions found and their squared distances.
  const found: number[] = [];
  const squared: number[] = [];
  let bound = radiusKm * radiusKm;
  // Far sides still to search, five numbers each: first, last, axis, and the squared distances
  // from the query to the subtree's box along x and along y. Their sum, a lower bound of the
  // distance to any point inside, is checked against the bound when the subtree is popped:
  // boxes prune far better than the one split line in sparse areas, where the first leaf's
  // points are kilometres apart.
  const pending: number[] = [0, index.numItems - 1, 0, 0, 0];

  while (pending.length > 0) {
    const gapY = pending.pop() as number;
    const gapX = pending.pop() as number;
    let axis = pending.pop() as number;
    let right = pending.pop() as number;
    let left = pending.pop() as number;
    if (gapX + gapY > bound) continue;
    // Down the near sides to a leaf, leaving each far side for later.
    while (left <= right) {
      const leaf = right - left <= nodeSize;
      const m = (left + right) >> 1;
      for (let k = leaf ? left : m; k <= (leaf ? right : m); k++) {
        const dx = (coords[2 * k] as number) - x;
        const dy = (coords[2 * k + 1] as number) - y;
        const d = dx * dx + dy * dy;
        if (d > bound || (found.length === limit && d === bound) || !fits(k)) continue;
        let j = found.length;
        if (j === limit) j--;
        else {
          found.push(k);
          squared.push(d);
        }
        for (; j > 0 && (squared[j - 1] as number) > d; j--) {
          found[j] = found[j - 1] as number;
          squared[j] = squared[j - 1] as number;
        }
        found[j] = k;
        squared[j] = d;
        if (found.length === limit) bound = squared[limit - 1] as number;
      }
      if (leaf) break;
      // kdbush keeps points at or below the median on the left, at or above it on the right.
      // The far side's box lies |diff| away along this axis; the near side's box as its parent's.
      const diff = axis === 0 ? x - (coords[2 * m] as number) : y - (coords[2 * m + 1] as number);
      const far = diff * diff;
      if (diff <= 0) {
        pending.push(m + 1, right, 1 - axis, axis === 0 ? far : gapX, axis === 0 ? gapY : far);
        right = m - 1;
      } else {
        pending.push(left, m - 1, 1 - axis, axis === 0 ? far : gapX, axis === 0 ? gapY : far);
        left = m + 1;
      }
      axis = 1 - axis;
    }
  }
  return found;
}
