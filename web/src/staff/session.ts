import { createContext, useContext } from 'react';
import type { Actor, StaffCapabilities } from '../ui/types';

export interface Session {
  user: Actor;
  logout: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('no session');
  return s;
}

// Whether the server's policy offers this reader `what` (menus, edit buttons): the web keeps no
// copy of who may do what.
export function may(user: Actor | null | undefined, what: keyof StaffCapabilities): boolean {
  return !!user?.may?.[what];
}
