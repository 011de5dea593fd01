import { OrganizationDirectory } from '../features/organizations/OrganizationDirectory.tsx';

/** The public home. Capabilities add their entries here as they become available. */
export function App() {
  return (
    <>
      <header className="masthead">
        <h1>
          守沪 <span className="en">Shouhu</span>
        </h1>
        <p className="tagline">上海银行保险服务保障平台</p>
        <p className="tagline en">Keeping Shanghai's banking and insurance services running</p>
      </header>
      <main>
        <OrganizationDirectory />
      </main>
      <footer>
        <a href="/docs">接口文档 API documentation</a>
      </footer>
    </>
  );
}
