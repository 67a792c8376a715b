import { useEffect, useState } from 'react';

/**
 * A tiny hash router: `#/companies/12?tab=history` → path segments and query. The hash
 * keeps the server simple (one index.html) and lets the CTI pop-up live at `#/cti`.
 */
export interface Route {
  segments: string[];
  params: URLSearchParams;
}

export const parseHash = (hash: string): Route => {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = raw.split('?');
  return {
    segments: path.split('/').filter((s) => s.length > 0).map(decodeURIComponent),
    params: new URLSearchParams(search),
  };
};

export const navigate = (to: string): void => {
  window.location.hash = to.startsWith('#') ? to : '#' + to;
};

export const useRoute = (): Route => {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = (): void => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseHash(hash);
};
