import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { login as apiLogin, logout as apiLogout, me, type User } from '../api/auth-api.js';

export interface Session {
  user: User | null;
  loading: boolean;
  login: (login: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
}

/** Owns the logged-in user; the app provides it through SessionContext. */
export const useSessionState = (): Session => {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    setUser(await me());
    setLoading(false);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(async (name: string, password: string) => {
    const u = await apiLogin(name, password);
    setUser(u);
    return u;
  }, []);

  const logout = useCallback(async () => {
    await apiLogout().catch(() => undefined);
    setUser(null);
  }, []);

  return { user, loading, login, logout, refresh };
};

export const SessionContext = createContext<Session | null>(null);

export const useSession = (): Session => {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionContext');
  return s;
};

/** The logged-in user; only for pages rendered behind the login. */
export const useUser = (): User => {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a logged-in user');
  return user;
};
