import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { AppState } from "./app-state";

export const AppStateContext = createContext<AppState | null>(null);

/** The app state from the nearest `<AppStateContext.Provider>`. */
export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error("useAppState() needs an <AppStateContext.Provider> above it");
  return state;
}
