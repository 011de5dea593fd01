import { describe, expect, it } from 'vitest';
import { TextArena } from './text-arena.ts';

const read = (arena: TextArena, i: number) => {
  const out = Buffer.alloc(arena.length[i] as number);
  expect(arena.copy(i, out, 0)).toBe(out.length);
  return out.toString('utf8');
};

describe('the finder’s text arena', () => {
  it('keeps each position’s UTF-8 text, growing as texts arrive', () => {
    const arena = new TextArena(50, Buffer.alloc(16));
    for (let i = 0; i < 50; i++) arena.set(i, `{"nameZh":"网点${i}号","i":${i}},`);
    for (let i = 0; i < 50; i++) expect(read(arena, i)).toBe(`{"nameZh":"网点${i}号","i":${i}},`);
    expect(arena.length[7]).toBe(Buffer.byteLength('{"nameZh":"网点7号","i":7},'));
  });

  it('forgets a changed text and keeps the new one', () => {
    const arena = new TextArena(3, Buffer.alloc(16));
    arena.set(1, 'before');
    expect(arena.has(1)).toBe(true);
    arena.forget(1);
    expect(arena.has(1)).toBe(false);
    arena.set(1, '之后');
    expect(read(arena, 1)).toBe('之后');
    expect(arena.has(0)).toBe(false);
  });

  it('starts over when full and mostly stale, and the texts are made again', () => {
    const arena = new TextArena(2, Buffer.alloc(64));
    // Position 0 rewritten over and over: all but the last copy stale.
    for (let k = 0; k < 10; k++) arena.set(0, `version-${k}`);
    expect(read(arena, 0)).toBe('version-9');
    arena.set(1, 'x'.repeat(20));
    // The buffer filled with stale copies, so it started over: position 0 must be made again.
    expect(arena.has(0)).toBe(false);
    expect(read(arena, 1)).toBe('x'.repeat(20));
  });

  it('follows the positions into a new order', () => {
    const arena = new TextArena(3);
    arena.set(0, 'zero');
    arena.set(2, 'two');
    // New position k came from old position from[k]; -1: a new branch.
    const next = arena.rearrange(Int32Array.from([2, -1, 1, 0]));
    expect(read(next, 0)).toBe('two');
    expect(next.has(1)).toBe(false);
    expect(next.has(2)).toBe(false);
    expect(read(next, 3)).toBe('zero');
    next.set(1, '新');
    expect([read(next, 0), read(next, 1), read(next, 3)]).toEqual(['two', '新', 'zero']);
  });

  it('refuses a write to the arena it was rearranged from, which shares the bytes', () => {
    const arena = new TextArena(2);
    arena.set(0, 'zero');
    const next = arena.rearrange(Int32Array.from([0, -1]));
    expect(() => arena.set(1, 'would overwrite')).toThrow(/after rearrange/);
    next.set(1, 'one');
    expect([read(next, 0), read(next, 1)]).toEqual(['zero', 'one']);
  });
});
