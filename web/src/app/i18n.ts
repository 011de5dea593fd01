import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { MessageKey } from '../features/index.ts';
import type { Messages } from './feature.ts';

const LANGUAGE_KEY = 'shouhu.language';

declare module 'i18next' {
  // Flat keys, typed: `t()` accepts only a key some feature declares.
  interface CustomTypeOptions {
    keySeparator: false;
    resources: { translation: Record<MessageKey, string> };
  }
}

/** Starts i18next with every feature's messages. Chinese first; English one click away. Server messages come with both. */
export function initI18n(messages: Messages) {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  void i18next.use(initReactI18next).init({
    resources: { zh: { translation: messages.zh }, en: { translation: messages.en } },
    keySeparator: false,
    lng: saved === 'en' ? 'en' : 'zh',
    fallbackLng: 'zh',
    interpolation: { escapeValue: false },
  });
  i18next.on('languageChanged', (lng) => {
    localStorage.setItem(LANGUAGE_KEY, lng);
    document.documentElement.lang = lng === 'en' ? 'en' : 'zh-CN';
  });
  document.documentElement.lang = i18next.language === 'en' ? 'en' : 'zh-CN';
  return i18next;
}

export function toggleLanguage() {
  void i18next.changeLanguage(i18next.language === 'en' ? 'zh' : 'en');
}
