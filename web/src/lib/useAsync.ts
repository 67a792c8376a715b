import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from './http.js';

export interface AsyncState<T> {
  data: T | undefined;
  error: string;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `deps` change; the latest run wins. */
export const useAsync = <T,>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> => {
  const [data, setData] = useState<T>();
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    setLoading(true);
    load().then(
      (d) => {
        if (live) {
          setData(d);
          setError('');
          setLoading(false);
        }
      },
      (e: unknown) => {
        if (live) {
          setError(errorMessage(e));
          setLoading(false);
        }
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);

  return { data, error, loading, reload };
};
