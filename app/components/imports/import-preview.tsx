import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { Form, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { ImportPage } from "~/services/imports/index.server";
import { formatInstant, formatQuantity } from "~/utils/format";
import { FormErrors } from "../forms";
import { Button } from "../ui/button";
import { useIsPending } from "../use-is-pending";
import { ImportStatusBadge } from "./import-status-badge";

type Serialized<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
type EdiSource = NonNullable<ImportPage["record"]["source"]["edi"]>;
type Page = Omit<ImportPage, "record"> & { record: Serialized<ImportPage["record"]> | ImportPage["record"] };

/**
 * One import: what the file is (format, encoding, delimiter or sheet, ignored columns), what it
 * would change or changed (rows to insert, to update, unchanged, in error), the first refused rows
 * with their row, column, value and reason (every one in the CSV report), and, while it waits,
 * confirm or discard.
 */
export function ImportPreview({
  tenant,
  page,
  timezone,
  lastResult,
}: {
  tenant: string;
  page: Page;
  timezone: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { record, errors, canCommit, rowsDone } = page;
  const working = record.status === "checking" || record.status === "committing";
  useRefreshWhile(working);
  const pending = useIsPending();
  const [form] = useForm({ id: "import-decision", lastResult });
  const n = (value: number) => formatQuantity(locale, value, 0);
  const committed = record.status === "committed";
  const counts = [
    { key: committed ? "inserted" : "toInsert", value: record.toInsert },
    { key: committed ? "updated" : "toUpdate", value: record.toUpdate },
    { key: "unchanged", value: record.unchanged },
    { key: "errors", value: record.errorRows },
  ];
  const source = record.source;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="flex flex-wrap items-center gap-3 text-2xl font-bold tracking-tight">
          <span className="break-all">{record.fileName}</span>
          <ImportStatusBadge status={record.status} />
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          {t(`imports.kinds.${record.kind}`)} · {record.createdByName ?? "—"} ·{" "}
          {formatInstant(locale, timezone, record.createdAt)}
          {" · "}
          {t(`imports.preview.format.${source.format}`)}
          {source.encoding ? ` · ${source.encoding.toUpperCase()}` : ""}
          {source.delimiter
            ? ` · ${t("imports.preview.delimiter", { delimiter: source.delimiter === "\t" ? "Tab" : source.delimiter })}`
            : ""}
          {source.sheet ? ` · ${t("imports.preview.sheet", { sheet: source.sheet })}` : ""}
          {source.headerRow ? ` · ${t("imports.preview.headerRow", { row: n(source.headerRow) })}` : ""}
        </p>
      </div>

      {working ? (
        <p role="status" className="rounded-md bg-sky-50 p-3 text-sm text-sky-900" data-testid="import-progress">
          {t(`imports.progress.${record.status}`, { rows: n(rowsDone ?? 0), count: rowsDone ?? 0 })}
        </p>
      ) : null}
      {record.failure ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700" data-testid="import-failure">
          {t(record.failure)}
        </p>
      ) : null}

      {source.edi ? <EdiSummary edi={source.edi} timezone={timezone} ack997={`/t/${tenant}/imports/${record.id}/997`} /> : null}

      <dl
        className="grid grid-cols-2 gap-3 sm:grid-cols-4"
        data-testid="import-counts"
        hidden={record.status === "checking" || undefined}
      >
        {counts.map((c) => (
          <div key={c.key} className="rounded-lg border border-slate-200 bg-white p-3" data-count={c.key}>
            <dt className="text-xs font-semibold uppercase text-slate-500">{t(`imports.preview.counts.${c.key}`)}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{n(c.value)}</dd>
          </div>
        ))}
      </dl>

      {source.ignored.length > 0 ? (
        <p className="text-sm text-slate-700" data-testid="import-ignored">
          {t("imports.preview.ignored", { columns: source.ignored.join(", ") })}
        </p>
      ) : null}

      <FormErrors id={form.errorId} errors={form.errors} />
      {record.status === "previewed" ? (
        <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-center gap-3">
          {canCommit ? (
            <>
              <p className="w-full text-sm text-slate-700">{t("imports.preview.ready")}</p>
              <Button type="submit" name="intent" value="commit" pending={pending}>
                {t("imports.preview.commit")}
              </Button>
            </>
          ) : (
            <p className="w-full text-sm text-red-700">{t("imports.preview.fixFirst")}</p>
          )}
          <Button type="submit" name="intent" value="discard" variant="secondary">
            {t("imports.preview.discard")}
          </Button>
        </Form>
      ) : null}

      {errors.length > 0 ? (
        <section aria-labelledby="import-errors-title" className="space-y-2">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="import-errors-title" className="text-base font-semibold">
              {t("imports.preview.errorsTitle", { shown: n(errors.length), total: n(record.errorRows) })}
            </h2>
            <a href={`/t/${tenant}/imports/${record.id}/errors`} className="text-sm text-indigo-700 hover:underline" download>
              {t("imports.preview.report")}
            </a>
          </div>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="import-errors">
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase text-slate-500">
                <tr>
                  {(["row", "column", "value", "message"] as const).map((c) => (
                    <th key={c} scope="col" className="px-3 py-2">
                      {t(`imports.report.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {errors.map((e, i) => (
                  <tr key={i}>
                    <td className="px-3 py-2 tabular-nums">{e.row}</td>
                    <td className="px-3 py-2">{e.column ?? "—"}</td>
                    <td className="max-w-xs truncate px-3 py-2 font-mono text-xs">{e.value ?? ""}</td>
                    <td className="px-3 py-2">{t(e.message, e.params ?? {})}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}

/** While the import is read or written in the background, the page asks again every moment. */
function useRefreshWhile(working: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [working, revalidator]);
}

const REFRESH_MS = 1_500;

/**
 * An interchange's envelopes and what was read but not imported; a warning, not a refusal, when
 * the same interchange was already imported (a replay changes nothing).
 */
function EdiSummary({ edi, timezone, ack997 }: { edi: EdiSource; timezone: string; ack997: string }) {
  const { t, i18n } = useTranslation();
  const notes = Object.entries(edi.notes)
    .map(([activity, count]) => `${activity} × ${count}`)
    .join(", ");
  return (
    <div className="space-y-2 text-sm" data-testid="import-edi">
      <p className="text-slate-600">{t("imports.edi.sets", { sets: edi.sets.join(", ") })}</p>
      {edi.previous ? (
        <p role="status" className="rounded-md bg-amber-50 p-3 text-amber-900" data-testid="import-edi-previous">
          {t("imports.edi.previous", { when: formatInstant(i18n.language, timezone, edi.previous.committedAt) })}
        </p>
      ) : null}
      {notes ? <p className="text-slate-600">{t("imports.edi.notes", { notes })}</p> : null}
      {edi.ack997 ? (
        <a href={ack997} className="text-indigo-700 hover:underline" data-testid="import-edi-997" download>
          {t("imports.edi.ack997")}
        </a>
      ) : null}
    </div>
  );
}
