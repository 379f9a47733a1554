import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/forms";
import { AsnLinesTable } from "~/components/shipments/asn-lines-table";
import { inputProps } from "~/components/shipments/input-props";
import { useShipmentMessages } from "~/components/shipments/shipment-messages";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import { requireMembership } from "~/services/auth/guards.server";
import { loadAsnForm, parseAsnForm, recordAsnForm } from "~/services/shipments/asn-form.server";
import { isUuid } from "~/utils/ids";
import { requireFormData } from "~/utils/read-form-data.server";
import { formErrorData, invariantFound, badRequest } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.plan.number ?? "VMI Portal" }];

function planIdOf(request: Request) {
  const planId = new URL(request.url).searchParams.get("plan") ?? "";
  invariantFound(isUuid(planId));
  return planId;
}

/** Suppliers only, and only their own plans: anyone else gets the same 404. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["supplier"]);
  const asn = await loadAsnForm(membership, planIdOf(args.request));
  invariantFound(asn);
  return asn;
}

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, ["supplier"]);
  const planId = planIdOf(args.request);
  const submission = parseAsnForm(await requireFormData(args.request));
  if (!submission) throw badRequest("Bad request: expected an ASN form");
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const asn = await recordAsnForm(membership, planId, submission.value);
    return redirectWithToast(args.request, `/t/${membership.tenant.slug}/plans/${planId}`, {
      key: "shipments.detail.recorded",
      params: { asnNumber: asn.asnNumber },
    });
  } catch (error) {
    return formErrorData(error, submission);
  }
}

export default function NewShipment() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const { plan, lines, today, tolerance, limits, requestId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const pending = useIsPending();
  const { text, labelled, errorsOf } = useShipmentMessages();
  const [form, fields] = useForm({
    id: `asn-${plan.id}`,
    lastResult,
    defaultValue: {
      shipDate: today,
      carrier: "",
      tracking: "",
      lines: lines.map((l) => ({
        lineId: l.id,
        ship: l.remaining > 0 ? "on" : undefined,
        qty: l.remaining > 0 ? String(l.remaining) : "",
        expectedArrival: l.agreedArrival,
      })),
    },
  });
  // Every field's problems in one list, in the order the server found them; the page's own
  // message (a plan no longer approved) stands above it.
  const problems = Object.entries(lastResult?.error ?? {}).flatMap(([name, messages]) =>
    name === "" ? [] : (messages ?? []).map((message) => labelled(name, message)),
  );
  const pageErrors = lastResult?.error?.[""] ?? [];
  const percent = new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 2 }).format(tolerance);

  return (
    <div className="space-y-6">
      <div>
        <Link to={`/t/${tenant}/plans/${plan.id}`} className="text-sm text-indigo-700 hover:underline">
          ← {t("shipments.new.back", { number: plan.number })}
        </Link>
        <h1 className="mt-2 text-2xl font-bold tracking-tight">{t("shipments.new.title", { number: plan.number })}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("shipments.new.intro", { tolerance: percent })}</p>
      </div>

      {pageErrors.length > 0 ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {pageErrors.map(text).join(" ")}
        </p>
      ) : null}
      {problems.length > 0 ? (
        <div role="alert" id="shipment-errors" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          <p className="font-semibold">{t("shipments.new.errorSummary", { count: problems.length })}</p>
          <ul className="mt-1 list-disc pl-5">
            {problems.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {lines.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white p-4 text-sm text-slate-600">{t("shipments.new.none")}</p>
      ) : (
        <Form
          method="post"
          {...getFormProps(form)}
          className="space-y-4"
          aria-describedby={problems.length > 0 ? "shipment-errors" : undefined}
        >
          <input type="hidden" name="requestId" value={requestId} />
          <div className="grid max-w-3xl gap-4 sm:grid-cols-3">
            <Field
              label={t("shipments.new.shipDate")}
              inputProps={{ ...inputProps(fields.shipDate, "date"), required: true, max: today }}
              hint={t("shipments.new.shipDateHint")}
              errors={errorsOf("shipDate", fields.shipDate.errors)}
            />
            <Field
              label={t("shipments.new.carrier")}
              inputProps={{ ...inputProps(fields.carrier, "text"), maxLength: limits.carrier }}
              hint={t("shipments.new.optional", { max: limits.carrier })}
              errors={errorsOf("carrier", fields.carrier.errors)}
            />
            <Field
              label={t("shipments.new.tracking")}
              inputProps={{ ...inputProps(fields.tracking, "text"), maxLength: limits.tracking }}
              hint={t("shipments.new.optional", { max: limits.tracking })}
              errors={errorsOf("tracking", fields.tracking.errors)}
            />
          </div>
          <AsnLinesTable lines={lines} fields={fields.lines.getFieldList()} />
          <Button type="submit" pending={pending}>
            {t("shipments.new.submit")}
          </Button>
        </Form>
      )}
    </div>
  );
}
