import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { initI18n } from './app/i18n.ts';
import { CloudBranchPage } from './features/public/CloudBranchPage.tsx';
import { FinderPage } from './features/public/FinderPage.tsx';
import { HomePage } from './features/public/HomePage.tsx';
import { HomeVisitPage } from './features/public/HomeVisitPage.tsx';
import { NoticePage } from './features/public/NoticePage.tsx';
import { OutboxPage } from './features/public/OutboxPage.tsx';
import { PublicLayout } from './features/public/PublicLayout.tsx';
import { TrackPage } from './features/public/TrackPage.tsx';
import { VerifyPage } from './features/public/VerifyPage.tsx';
import './app/styles.css';

// The console (antd and everything behind a sign-in) loads only when /console is opened.
const ConsoleApp = lazy(() => import('./features/console/ConsoleApp.tsx'));

initI18n();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <BrowserRouter>
      <Routes>
        <Route element={<PublicLayout />}>
          <Route index element={<HomePage />} />
          <Route path="branches" element={<FinderPage />} />
          <Route path="verify" element={<VerifyPage />} />
          <Route path="home-visit" element={<HomeVisitPage />} />
          <Route path="cloud-branch" element={<CloudBranchPage />} />
          <Route path="track" element={<TrackPage />} />
          <Route path="dev/outbox" element={<OutboxPage />} />
          <Route path="notices" element={<NoticePage />} />
          <Route path="notices/:id" element={<NoticePage />} />
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
  </StrictMode>,
);
