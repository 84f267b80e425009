import { useEffect } from "preact/hooks";

export const APP_NAME = "Onboarding Workflows";

/** Sets the browser tab's title to "<page> · Onboarding Workflows" while the component is mounted. */
export function useDocumentTitle(title: string | null | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · ${APP_NAME}` : APP_NAME;
  }, [title]);
}
