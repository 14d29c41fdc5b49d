import { createContext, useContext } from 'react'
import type { Me } from '../api/client.js'

/** Who is signed in, and how to sign out (null: the server asks for no sign-in). */
export interface Session {
  me: Me
  signOut: () => void
}

export const SessionContext = createContext<Session | null>(null)

export function useSession(): Session | null {
  return useContext(SessionContext)
}
