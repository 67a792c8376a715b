import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { get } from './http.js';
import { formatPhone, isWithheld, type PhoneStyle } from './phone-format.js';

/** The system's country (R3.1), read once per page from `GET /api/settings/public`. */
let homeRequest: Promise<string | undefined> | undefined;
let homeKnown: string | undefined;
const homeCountry = (): Promise<string | undefined> => {
  homeRequest ??= get<{ country: string }>('/api/settings/public').then(
    (s) => (homeKnown = s.country),
    () => {
      homeRequest = undefined;
      return undefined;
    },
  );
  return homeRequest;
};

/**
 * The one way screens show a phone number (issue 12 §3): `formatPhone` with the
 * system's country, and "Withheld number" / "Numéro masqué" for a withheld caller ID.
 */
export const usePhoneFormat = (style: PhoneStyle = 'as-written-at-home'): ((value: string | null | undefined) => string) => {
  const { t } = useI18n();
  const [home, setHome] = useState(homeKnown);
  useEffect(() => {
    let live = true;
    void homeCountry().then((c) => live && setHome(c));
    return () => {
      live = false;
    };
  }, []);
  return useCallback((value) => (isWithheld(value) ? t('withheldNumber') : formatPhone(value, home, style)), [t, home, style]);
};
