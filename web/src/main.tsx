import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { mergeMessages } from './app/feature.ts';
import { initI18n } from './app/i18n.ts';
import { queryClient } from './app/query.ts';
import { FEATURES, SHARED_MESSAGES } from './features/index.ts';
import { HomePage } from './features/public/HomePage.tsx';
import { PublicLayout } from './features/public/PublicLayout.tsx';
import './app/styles.css';

// The console (antd and everything behind a sign-in) loads only when /console is opened.
const ConsoleApp = lazy(() => import('./features/console/ConsoleApp.tsx'));

initI18n(mergeMessages([SHARED_MESSAGES, ...FEATURES]));

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route element={<PublicLayout />}>
            <Route index element={<HomePage />} />
            {FEATURES.flatMap((f) => f.publicRoutes ?? []).map(({ path, page: Page }) => (
              <Route key={path} path={path} element={<Page />} />
            ))}
          </Route>
          <Route
            path="console/*"
            element={
              <Suspense fallback={null}>
                <ConsoleApp />
              </Suspense>
            }
          />
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
