import { get, patch, post, put, setCsrfToken } from '../../../lib/http.js';

export type CtiCallScreen = 'new-case' | 'new-opportunity' | 'new-lead' | 'company-summary' | 'person-summary';

export const CTI_CALL_SCREENS: readonly CtiCallScreen[] = ['new-case', 'new-opportunity', 'new-lead', 'company-summary', 'person-summary'];

export interface User {
  id: number;
  login: string;
  name: string;
  role: 'admin' | 'agent';
  phone: string | null;
  extension: string | null;
  locale: 'en' | 'fr';
  ctiEnabled: boolean;
  ctiDevice: string | null;
  ctiCallScreen: CtiCallScreen;
  alwaysShowCallScreen: boolean;
}

interface SessionBody {
  user: User;
  csrfToken: string;
}

export const login = async (loginName: string, password: string): Promise<User> => {
  const body = await post<SessionBody>('/api/auth/login', { login: loginName, password });
  setCsrfToken(body.csrfToken);
  return body.user;
};

/** The current session, or null when not logged in (401). */
export const me = async (): Promise<User | null> => {
  try {
    const body = await get<SessionBody>('/api/auth/me');
    setCsrfToken(body.csrfToken);
    return body.user;
  } catch {
    return null;
  }
};

export const logout = async (): Promise<void> => {
  await post('/api/auth/logout');
  setCsrfToken('');
};

/** My own preferences (language, always show the call screen). */
export const updateMe = async (p: Partial<Pick<User, 'locale' | 'alwaysShowCallScreen'>>): Promise<User> => {
  const body = await patch<SessionBody>('/api/auth/me', p);
  return body.user;
};

/** Changes my own password (the current one is required); my other sessions end. */
export const changePassword = async (currentPassword: string, newPassword: string): Promise<void> => {
  await put('/api/auth/password', { currentPassword, newPassword });
};
