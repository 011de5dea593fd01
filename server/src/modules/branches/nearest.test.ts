import fc from 'fast-check';
import { distance } from 'geokdbush';
import { describe, expect, it } from 'vitest';
import { buildNearestIndex, distanceTo, findNearestPositions } from './nearest.ts';

// Points on a 10 m grid over the city (doubles would crowd at the edges of their range).
const point = fc.record({
  lng: fc.integer({ min: 0, max: 8000 }).map((n) => 121.1 + n / 10_000),
  lat: fc.integer({ min: 0, max: 8000 }).map((n) => 30.8 + n / 10_000),
});

describe('nearest branches over the kd-tree', () => {
  it('finds what a scan of every point finds: the nearest that pass the filter, within the radius', () => {
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 0, maxLength: 600, size: 'max' }),
        point,
        // Up to 80: past the 64 results the search keeps room for before it grows.
        fc.integer({ min: 1, max: 80 }),
        fc.double({ min: 0.5, max: 30, noNaN: true }),
        fc.integer({ min: 1, max: 4 }),
        (points, q, limit, radiusKm, every) => {
          const fits = (id: number) => id % every === 0;
          const index = buildNearestIndex(points);
          // Positions in the tree's order, back to places in the input.
          const got = findNearestPositions(index, q.lng, q.lat, limit, radiusKm, (k) => fits(index.ids[k] as number)).map(
            (k) => index.ids[k] as number,
          );
          const km = (id: number) => distance(q.lng, q.lat, (points[id] as { lng: number }).lng, (points[id] as { lat: number }).lat);
          const expected = points
            .map((_, id) => id)
            .filter((id) => fits(id) && km(id) <= radiusKm)
            .sort((a, b) => km(a) - km(b))
            .slice(0, limit);
          // The plane ranks as the sphere does up to 1%: compare distances, with that tolerance.
          expect(got.length).toBeGreaterThanOrEqual(expected.length - 1);
          expect(got.length).toBeLessThanOrEqual(limit);
          got.forEach((id, k) => {
            expect(fits(id)).toBe(true);
            // One more than the sphere finds is a near-tie at the radius's edge.
            const e = expected[k];
            expect(km(id)).toBeLessThanOrEqual((e === undefined ? radiusKm : km(e)) * 1.01 + 1e-9);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('measures distances within a metre of the great circle', () => {
    fc.assert(
      fc.property(point, point, (p, q) => {
        const index = buildNearestIndex([p]);
        expect(Math.abs(distanceTo(index, 0, q.lng, q.lat) - distance(q.lng, q.lat, p.lng, p.lat))).toBeLessThan(0.001);
      }),
      { numRuns: 500 },
    );
  });

  it('answers nothing from an empty index', () => {
    expect(findNearestPositions(buildNearestIndex([]), 121.47, 31.23, 10, 10, () => true)).toEqual([]);
  });
});
