import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../../lib/http.js';
import { previewNumber, type NumberPreview } from '../api/calls-api.js';

export interface PreviewState {
  preview: NumberPreview | null;
  /** The server's R6.5 message (with its reason) when the typed number is refused. */
  error: string;
  checking: boolean;
}

/** Live R6.5 validation and "will dial" preview of the typed number, debounced; a new `nonce` asks again (rules changed). */
export const useNumberPreview = (number: string, delayMs = 200, nonce = 0): PreviewState => {
  const [state, setState] = useState<PreviewState>({ preview: null, error: '', checking: false });
  useEffect(() => {
    const typed = number.trim();
    if (!typed) {
      setState({ preview: null, error: '', checking: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      previewNumber(typed).then(
        (preview) => live && setState({ preview, error: '', checking: false }),
        (e: unknown) => {
          if (!live) return;
          // The server's message already says what is wrong and what it expects (R6.5).
          const msg = errorMessage(e);
          setState({ preview: null, error: msg || (e instanceof ApiError ? e.code : 'invalid'), checking: false });
        },
      );
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [number, delayMs, nonce]);
  return state;
};
