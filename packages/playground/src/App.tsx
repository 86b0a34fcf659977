import { type ReactNode, useEffect, useRef } from 'react';
import { ViewErrorBoundary } from './components/ViewErrorBoundary.js';
import { href, type Route, useRoute } from './router.js';
import { CompareView } from './views/CompareView.js';
import { DemosView } from './views/DemosView.js';
import { EvalCompareView } from './views/EvalCompareView.js';
import { EvalsView } from './views/EvalsView.js';
import { EvalView } from './views/EvalView.js';
import { RunsView } from './views/RunsView.js';
import { RunView } from './views/RunView.js';
import { SettingsView } from './views/SettingsView.js';
import { WorkflowsView } from './views/WorkflowsView.js';
import { WorkflowView } from './views/WorkflowView.js';

const NAV: { label: string; link: string; section: string }[] = [
  { label: 'Workflows', link: href([]), section: 'workflows' },
  { label: 'Runs', link: href(['runs']), section: 'runs' },
  { label: 'Evals', link: href(['evals']), section: 'evals' },
  { label: 'Demos', link: href(['demos']), section: 'demos' },
  { label: 'Settings', link: href(['settings']), section: 'settings' },
];

/** Which view a route shows; unknown routes get a "not found" message, never a blank page. */
function renderRoute(route: Route): ReactNode {
  const [first, second] = route.segments;
  switch (first) {
    case undefined:
    case 'workflows':
      return second === undefined ? <WorkflowsView /> : <WorkflowView name={second} route={route} />;
    case 'runs':
      return second === undefined ? <RunsView route={route} /> : <RunView runId={second} route={route} />;
    case 'compare':
      return <CompareView route={route} />;
    case 'evals':
      if (second === undefined) return <EvalsView route={route} />;
      if (second === 'compare') return <EvalCompareView route={route} />;
      return <EvalView evalId={second} route={route} />;
    case 'demos':
      return <DemosView route={route} />;
    case 'settings':
      return <SettingsView />;
    default:
      return (
        <section aria-labelledby="not-found">
          <h1 id="not-found">Page not found</h1>
          <p>
            Nothing lives at <code>{route.segments.join('/')}</code>. <a href={href([])}>Go to workflows</a>.
          </p>
        </section>
      );
  }
}

/** The playground shell: a skip link, the navigation, and the view of the current route. */
export function App(): ReactNode {
  const route = useRoute();
  const section = route.segments[0] === 'compare' ? 'runs' : (route.segments[0] ?? 'workflows');
  const main = useRef<HTMLElement>(null);
  const key = route.segments.join('/');
  useEffect(() => {
    // Move focus to the new view on navigation, so keyboard and screen-reader users land on it.
    if (key !== '' || document.activeElement !== document.body) main.current?.focus();
  }, [key]);
  return (
    <>
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <header className="app-header">
        <span className="brand">Nanocode playground</span>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.section}>
                <a href={item.link} aria-current={item.section === section ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <ViewErrorBoundary resetKey={key}>{renderRoute(route)}</ViewErrorBoundary>
      </main>
    </>
  );
}
