import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { supportedLanguages } from "~/i18n";
import { SelectField } from "./forms";
import { Button } from "./ui/button";
import { useIsPending } from "./use-is-pending";

/** Works without JavaScript: a small form that saves the choice and comes back here. */
export function LanguagePicker({ className = "" }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const pending = useIsPending({ formAction: "/account/language" });
  return (
    <Form method="post" action="/account/language" className={`flex items-end gap-2 text-sm ${className}`}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <SelectField
        className="flex items-center gap-2"
        label={t("userMenu.language")}
        selectProps={{
          id: "language-select",
          name: "language",
          defaultValue: i18n.language,
          className:
            "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500/40",
        }}
        options={supportedLanguages.map((language) => ({ value: language, label: t(`language.${language}`) }))}
      />
      <Button type="submit" variant="secondary" size="md" pending={pending}>
        {t("language.save")}
      </Button>
    </Form>
  );
}
