import { useFormAction, useNavigation } from "@remix-run/react";

/**
 * Whether a form of this page is being submitted: by default any non-GET submission to this
 * route's action; `formAction` narrows it to one action, `intent` to one button's value.
 */
export function useIsPending({
  formAction,
  formMethod = "POST",
  intent,
}: { formAction?: string; formMethod?: "POST" | "GET"; intent?: string } = {}) {
  const contextual = useFormAction();
  const navigation = useNavigation();
  if (navigation.state === "idle" || navigation.formMethod?.toUpperCase() !== formMethod) return false;
  if (navigation.formAction !== (formAction ?? contextual)) return false;
  return intent === undefined || navigation.formData?.get("intent") === intent;
}
