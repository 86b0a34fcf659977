import { useEffect, useState } from 'react';

/**
 * Hash routes (`#/runs/abc`), so the static build works from any path without server rewrites.
 * A route is its path segments plus the query string.
 */
export interface Route {
  segments: string[];
  query: URLSearchParams;
}

/** Parses `#/a/b?x=1` into a {@link Route}. */
export function parseHash(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const [path = '', search = ''] = raw.split('?', 2);
  const segments = path
    .split('/')
    .filter((segment) => segment !== '')
    .map(decodeSegment);
  return { segments, query: new URLSearchParams(search) };
}

/** A segment decoded; one with a broken escape (`%E0%A4`, typed or cut short) is kept as written. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Builds a hash link from path segments and optional query values (undefined and '' are left out). */
export function href(segments: string[], query: Record<string, string | undefined> = {}): string {
  const path = segments.map((segment) => encodeURIComponent(segment)).join('/');
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, value);
  }
  const search = params.toString();
  return `#/${path}${search === '' ? '' : `?${search}`}`;
}

/** Navigates to a hash link. */
export function navigate(link: string): void {
  globalThis.location.hash = link.startsWith('#') ? link.slice(1) : link;
}

/** The current route, updated on every hash change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(globalThis.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseHash(globalThis.location.hash));
    globalThis.addEventListener('hashchange', onChange);
    return () => globalThis.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
