import { useTranslation } from "react-i18next";

/** A form's own messages (i18n keys), announced to screen readers; nothing when there are none. */
export function FormAlert({ id, errors, values }: { id?: string; errors?: string[]; values?: Record<string, unknown> }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div role="alert" id={id} className="rounded-md bg-red-50 p-3 text-sm text-red-700">
      {errors.map((key) => t(key, values)).join(" ")}
    </div>
  );
}
