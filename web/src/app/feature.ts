import { type Action, type Actor, can, type Me } from '@shouhu/common';
import type { ComponentType } from 'react';

/** A feature's interface strings: Chinese and English with the same keys, checked by the compiler. */
export interface Messages<K extends string = string> {
  zh: Record<K, string>;
  en: Record<K, string>;
}

/** Both languages in one place: a key missing in English, or only in English, does not compile. */
export function defineMessages<K extends string>(zh: Record<K, string>, en: Record<NoInfer<K>, string>): Messages<K> {
  return { zh, en };
}

/** A console page; it is given the signed-in user. */
export type ConsolePage = ComponentType<{ me: Me }>;

/** An entry of the console's menu, shown to those the action allows (always, without one). */
export interface MenuEntry<K extends string> {
  path: string;
  label: K;
  action?: Action;
}

/** A public service: its page, and the link to it on the home page (and in the header when `nav`). */
export interface PublicLink<K extends string> {
  path: string;
  label: K;
  description: K;
  nav?: true;
}

/**
 * What one feature brings to the web app. The app's routes, menu, home page and messages are
 * built from the list in features/index.ts, so a new feature is one folder and one line there.
 */
export interface Feature<K extends string = string> {
  name: string;
  messages: Messages<K>;
  /** Console pages under /console/<path>, lazily loaded so the public pages stay small. */
  consoleRoutes?: { path: string; page: ConsolePage }[];
  menu?: MenuEntry<NoInfer<K>>[];
  publicRoutes?: { path: string; page: ComponentType }[];
  publicLinks?: PublicLink<NoInfer<K>>[];
}

/** Typed by the feature's own messages, so a menu label or link text must be one of its keys. */
export function defineFeature<K extends string>(feature: Feature<K>): Feature<K> {
  return feature;
}

/** The menu the actor sees, in the order of the features list. */
export function listMenu(features: readonly Feature[], actor: Actor): MenuEntry<string>[] {
  return features.flatMap((f) => f.menu ?? []).filter((entry) => !entry.action || can(actor, entry.action));
}

/**
 * All features' messages in one table per language. Two features claiming one key is a mistake
 * that would silently show one feature's text in the other, so it throws.
 */
export function mergeMessages(features: readonly Pick<Feature, 'name' | 'messages'>[]): Messages {
  const merged: Messages = { zh: {}, en: {} };
  const owner = new Map<string, string>();
  for (const f of features) {
    for (const key of Object.keys(f.messages.zh)) {
      const other = owner.get(key);
      if (other) throw new Error(`Message key ${key} is declared by both ${other} and ${f.name}`);
      owner.set(key, f.name);
    }
    Object.assign(merged.zh, f.messages.zh);
    Object.assign(merged.en, f.messages.en);
  }
  return merged;
}
