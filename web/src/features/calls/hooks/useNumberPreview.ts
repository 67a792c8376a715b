import { useEffect, useState } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { previewNumber, type NumberPreview } from '../api/calls-api.js';
import { numberErrorText } from '../number-error.js';

export interface PreviewState {
  preview: NumberPreview | null;
  /** What to change when the typed number is refused, in the user's language (R6.5). */
  error: string;
  checking: boolean;
}

/** Live R6.5 validation and "will dial" preview of the typed number, debounced; a new `nonce` asks again (rules changed). */
export const useNumberPreview = (number: string, delayMs = 200, nonce = 0): PreviewState => {
  const { messages } = useI18n();
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
          setState({ preview: null, error: numberErrorText(e, messages), checking: false });
        },
      );
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [number, delayMs, nonce, messages]);
  return state;
};
