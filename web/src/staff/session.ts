import { createContext, useContext } from 'react';
import type { Actor, Role } from '../ui/types';

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

export function hasRole(user: Actor, roles: Role[], agencies?: string[]): boolean {
  return user.grants.some((g) => roles.includes(g.role) && (!agencies || agencies.includes(g.agency_id)));
}
