/**
 * An approximate centre (WGS-84) of each Shanghai district and a radius (km) that stays inside
 * the district around it: where the finder searches from without the phone's location, and where
 * demo branches are placed. Hand-measured from public maps; not a boundary.
 */
export const DISTRICT_CENTRES: Record<string, { lat: number; lng: number; radiusKm: number }> = {
  '310101': { lat: 31.2317, lng: 121.4846, radiusKm: 1.5 },
  '310104': { lat: 31.1885, lng: 121.4365, radiusKm: 3 },
  '310105': { lat: 31.2204, lng: 121.404, radiusKm: 2.5 },
  '310106': { lat: 31.2478, lng: 121.455, radiusKm: 2.5 },
  '310107': { lat: 31.2495, lng: 121.3972, radiusKm: 2.5 },
  '310109': { lat: 31.2646, lng: 121.505, radiusKm: 2 },
  '310110': { lat: 31.2796, lng: 121.526, radiusKm: 2.5 },
  '310112': { lat: 31.1128, lng: 121.3817, radiusKm: 6 },
  '310113': { lat: 31.395, lng: 121.4493, radiusKm: 5 },
  '310114': { lat: 31.3747, lng: 121.2654, radiusKm: 6 },
  '310115': { lat: 31.1916, lng: 121.6247, radiusKm: 9 },
  '310116': { lat: 30.8, lng: 121.26, radiusKm: 6 },
  '310117': { lat: 31.0323, lng: 121.2278, radiusKm: 7 },
  '310118': { lat: 31.151, lng: 121.124, radiusKm: 7 },
  '310120': { lat: 30.918, lng: 121.474, radiusKm: 7 },
  '310151': { lat: 31.623, lng: 121.4, radiusKm: 6 },
};
