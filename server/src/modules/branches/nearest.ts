import KDBush from 'kdbush';

// Kilometres per degree on the sphere that distances are shown on (radius 6,371 km), east-west
// at Shanghai's latitude (31.2° N). Over the city's extent (30.7–31.9° N) the east-west scale
// varies by under 0.7%, so planar distances rank branches as the sphere does but for near-ties.
const KM_PER_DEGREE_LAT = (6371 * Math.PI) / 180;
const KM_PER_DEGREE_LNG = KM_PER_DEGREE_LAT * Math.cos((31.2 * Math.PI) / 180);
// Small leaves: a leaf's points are all tested against the filter before the bound tightens.
const NODE_SIZE = 16;
// Kilometres from the People's Square: small numbers, so single precision keeps them to the
// centimetre, and the tree's coordinates take half the memory (fewer cache misses per query).
const ORIGIN = { lng: 121.475, lat: 31.232 };
const toX = (lng: number) => (lng - ORIGIN.lng) * KM_PER_DEGREE_LNG;
const toY = (lat: number) => (lat - ORIGIN.lat) * KM_PER_DEGREE_LAT;

/** A kd-tree (kdbush) over positions projected to kilometres. */
export function buildNearestIndex(points: readonly ({ lng: number; lat: number } | undefined)[]): KDBush {
  const index = new KDBush(Math.max(1, points.length), NODE_SIZE, Float32Array);
  // A missing branch, or the one placeholder of an empty tree, sits at 0° 0°: never within reach.
  for (const p of points) index.add(toX(p?.lng ?? 0), toY(p?.lat ?? 0));
  if (points.length === 0) index.add(toX(0), toY(0));
  index.finish();
  return index;
}

/**
 * The ids of the `limit` nearest points within `radiusKm` that pass `fits`, nearest first.
 * A depth-first k-nearest search over kdbush's arrays, near side first, so the bound tightens
 * fast and `fits` (the open-now check) runs only for points that would enter the result —
 * a few dozen per query instead of every point of every leaf visited.
 */
export function findNearestIds(
  index: KDBush,
  lng: number,
  lat: number,
  limit: number,
  radiusKm: number,
  fits: (id: number) => boolean,
): number[] {
  const { ids, coords, nodeSize } = index;
  const x = toX(lng);
  const y = toY(lat);
  const found: number[] = [];
  const squared: number[] = [];
  let bound = radiusKm * radiusKm;

  const consider = (k: number) => {
    const dx = (coords[2 * k] as number) - x;
    const dy = (coords[2 * k + 1] as number) - y;
    const d = dx * dx + dy * dy;
    if (d > bound || (found.length === limit && d === bound)) return;
    const id = ids[k] as number;
    if (!fits(id)) return;
    let j = squared.length;
    while (j > 0 && (squared[j - 1] as number) > d) j--;
    squared.splice(j, 0, d);
    found.splice(j, 0, id);
    if (found.length > limit) {
      squared.pop();
      found.pop();
    }
    if (found.length === limit) bound = squared[limit - 1] as number;
  };

  const visit = (left: number, right: number, axis: number) => {
    if (right - left <= nodeSize) {
      for (let k = left; k <= right; k++) consider(k);
      return;
    }
    const m = (left + right) >> 1;
    consider(m);
    // kdbush keeps points at or below the median on the left, at or above it on the right.
    const diff = axis === 0 ? x - (coords[2 * m] as number) : y - (coords[2 * m + 1] as number);
    if (diff <= 0) {
      visit(left, m - 1, 1 - axis);
      if (diff * diff <= bound) visit(m + 1, right, 1 - axis);
    } else {
      visit(m + 1, right, 1 - axis);
      if (diff * diff <= bound) visit(left, m - 1, 1 - axis);
    }
  };

  if (ids.length > 0) visit(0, ids.length - 1, 0);
  return found;
}
