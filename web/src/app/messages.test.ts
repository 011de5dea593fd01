import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Actor, can } from '@shouhu/common';
import { describe, expect, it } from 'vitest';
import { FEATURES, SHARED_MESSAGES } from '../features/index.ts';
import { defineFeature, defineMessages, listMenu, mergeMessages } from './feature.ts';

const SRC = join(import.meta.dirname, '..');
const ALL = [SHARED_MESSAGES, ...FEATURES];

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listSources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

describe('messages', () => {
  it('every feature has each key in both languages, none empty', () => {
    for (const { name, messages } of ALL) {
      expect(Object.keys(messages.en).sort(), name).toEqual(Object.keys(messages.zh).sort());
      for (const [key, text] of [...Object.entries(messages.zh), ...Object.entries(messages.en)])
        expect(text.trim(), `${name} ${key}`).not.toBe('');
    }
  });

  it('every key used in the code has a message (template keys: at least one)', () => {
    const keys = Object.keys(mergeMessages(ALL).zh);
    const missing: string[] = [];
    for (const file of listSources(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*(['`])([a-zA-Z][\w.${}]*)\1/g)) {
        const used = m[2] as string;
        const pattern = new RegExp(`^${used.replace(/\./g, '\\.').replace(/\$\{[^}]*\}/g, '[\\w.]+')}$`);
        if (!keys.some((k) => pattern.test(k))) missing.push(`${file.slice(SRC.length)}: ${used}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('two features declaring one key is refused', () => {
    const a = { name: 'a', messages: defineMessages({ 'x.title': '甲' }, { 'x.title': 'A' }) };
    const b = { name: 'b', messages: defineMessages({ 'x.title': '乙' }, { 'x.title': 'B' }) };
    expect(() => mergeMessages([a, b])).toThrow(/x\.title.*a and b/);
  });
});

describe('a feature declares itself', () => {
  // A feature written here and nowhere else: its menu entry and messages reach the app through
  // the same functions the app uses, so adding one needs no other file.
  const probe = defineFeature({
    name: 'probe',
    messages: defineMessages({ 'menu.probe': '探针' }, { 'menu.probe': 'Probe' }),
    consoleRoutes: [{ path: 'probe', page: () => null }],
    menu: [{ path: '/console/probe', label: 'menu.probe', action: 'zone.manage' }],
  });
  const regulator: Actor = { type: 'user', userId: 'u', orgId: 'o', role: 'regulator', sessionId: 's', mfaPassed: true };
  const staff: Actor = { ...regulator, role: 'institution_staff' };

  it('its menu entry shows to whom its action allows', () => {
    expect(can(regulator, 'zone.manage')).toBe(true);
    expect(listMenu([...FEATURES, probe], regulator).map((e) => e.path)).toContain('/console/probe');
    expect(listMenu([...FEATURES, probe], staff).map((e) => e.path)).not.toContain('/console/probe');
  });

  it('its messages join the rest', () => {
    expect(mergeMessages([...ALL, probe]).en['menu.probe']).toBe('Probe');
  });

  it('the menu keeps the order of the features list', () => {
    expect(listMenu(FEATURES, regulator).map((e) => e.path)).toEqual([
      '/console',
      '/console/inbox',
      '/console/directives',
      '/console/figures',
      '/console/oversight',
      '/console/bulletins',
      '/console/incidents',
      '/console/organizations',
      '/console/users',
      '/console/staffing-coverage',
      '/console/calendar',
      '/console/service-levels',
      '/console/network',
      '/console/zones',
      '/console/compounds',
      '/console/grids',
      '/console/audit',
      '/console/integrations',
      '/console/password',
      '/console/security',
    ]);
  });
});
