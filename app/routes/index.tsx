import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button";
import { firstTenantSlug } from "~/services/auth/account.server";
import { requireUser } from "~/services/auth/guards.server";

/** The start page: straight to the user's first company. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const slug = await firstTenantSlug(user.id);
  if (slug) throw redirect(`/t/${slug}`);
  return null;
}

export default function NoTenant() {
  const { t } = useTranslation();
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-2xl font-bold">{t("noTenant.title")}</h1>
      <p className="mt-4 text-slate-600">{t("noTenant.body")}</p>
      <form method="post" action="/logout" className="mt-8">
        <Button type="submit" variant="link">
          {t("userMenu.signOut")}
        </Button>
      </form>
    </main>
  );
}
