/**
 * A seeded generator for demo and benchmark data: the same sequence on every machine. A linear
 * congruential generator modulo 2^32 in 32-bit integer arithmetic (period 2^32; plain
 * floating-point multiplication loses bits and cycled after about 10,000 draws, which made the
 * generated network repeat itself); answers [0, 1) from the high bits.
 */
export function createSeededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    return s / 2 ** 32;
  };
}
