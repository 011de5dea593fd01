import type { BulletinFigures } from './module.ts';

/**
 * The institutions with the most of one figure, named as a bulletin names them ("中国银行上海市分行
 * 12件、交通银行上海市分行 9件"); those with none are left out.
 */
export function nameLeaders(figures: BulletinFigures, key: string, unit: string, count = 3): string {
  return figures.byInstitution
    .filter((i) => (i.figures[key] ?? 0) > 0)
    .sort((a, b) => (b.figures[key] ?? 0) - (a.figures[key] ?? 0))
    .slice(0, count)
    .map((i) => `${i.name}${i.figures[key]}${unit}`)
    .join('、');
}
