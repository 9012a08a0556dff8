// The citizen's session as the portal sees it: null while nobody is logged in. The server's
// cookie is the session; `GET /api/v1/auth/me` restores it after a reload.
import { createContext, useContext } from 'react';
import type { Actor } from '../ui/types';

export interface CitizenSession {
  /** null: not logged in (or logged in as staff, which the portal treats as not a citizen). */
  user: Actor | null;
  /** Set after a login. */
  signIn: (user: Actor, csrf: string) => void;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<CitizenSession>({
  user: null,
  signIn: () => undefined,
  signOut: async () => undefined,
});

export function useCitizen(): CitizenSession {
  return useContext(SessionContext);
}
