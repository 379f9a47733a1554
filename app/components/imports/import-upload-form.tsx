import { getFormProps, getInputProps, getSelectProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { KindColumn } from "~/services/imports/read/kinds";
import type { TableKind } from "~/services/imports/rows";
import type { ImportUploadSchema } from "~/services/imports/upload-rules";
import { Field, FormErrors, SelectField } from "../forms";
import { Button } from "../ui/button";
import { useIsPending } from "../use-is-pending";

/**
 * The upload: a kind (or the file's headers decide) and a CSV or Excel file. Sent as it is and
 * streamed to disk by the server; nothing is written until the preview is confirmed. Each kind's
 * columns are listed, with a template in each format.
 */
export function ImportUploadForm({
  tenant,
  kinds,
  columns,
  lastResult,
  schema,
}: {
  /** The upload form's rules (app/services/imports/upload-rules), handed down by the route. */
  schema: ImportUploadSchema;
  tenant: string;
  kinds: readonly TableKind[];
  columns: Partial<Record<TableKind, readonly KindColumn[]>>;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t, i18n } = useTranslation();
  const pending = useIsPending();
  const [form, fields] = useForm({
    id: "import-upload",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
  });
  const language = i18n.language === "zh-CN" ? "zh-CN" : "en";
  return (
    <section aria-labelledby="import-upload-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="import-upload-title" className="text-base font-semibold">
        {t("imports.upload.title")}
      </h2>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="mt-3 grid gap-4 md:grid-cols-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          label={t("imports.upload.kind")}
          selectProps={getSelectProps(fields.kind)}
          errors={fields.kind.errors}
          hint={t("imports.upload.kindHint")}
          options={[
            { value: "", label: t("imports.upload.kindFromHeaders") },
            ...kinds.map((kind) => ({ value: kind, label: t(`imports.kinds.${kind}`) })),
          ]}
        />
        <Field
          className="md:col-span-2"
          label={t("imports.upload.file")}
          inputProps={{
            ...getInputProps(fields.file, { type: "file" }),
            accept: ".csv,.txt,.tsv,.xlsx,.edi,.x12,.852,.846,text/csv",
          }}
          errors={fields.file.errors}
          hint={t("imports.upload.fileHint")}
        />
        <div className="md:col-span-3">
          <Button type="submit" pending={pending}>
            {t("imports.upload.submit")}
          </Button>
        </div>
      </Form>
      <details className="mt-4 text-sm">
        <summary className="cursor-pointer font-medium text-indigo-700">{t("imports.columns.title")}</summary>
        <table className="mt-2 w-full text-left">
          <caption className="sr-only">{t("imports.columns.title")}</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-4">
                {t("imports.columns.kind")}
              </th>
              <th scope="col" className="py-1 pr-4">
                {t("imports.columns.columns")}
              </th>
              <th scope="col" className="py-1">
                {t("imports.columns.templates")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {kinds.map((kind) => (
              <tr key={kind}>
                <th scope="row" className="py-2 pr-4 font-medium">
                  {t(`imports.kinds.${kind}`)}
                </th>
                <td className="py-2 pr-4">
                  {(columns[kind] ?? []).map((c, i) => (
                    <span key={c.name}>
                      {i > 0 ? ", " : ""}
                      {c.required ? <strong>{c.header[language]}</strong> : c.header[language]}
                    </span>
                  ))}
                </td>
                <td className="whitespace-nowrap py-2">
                  <a
                    className="text-indigo-700 hover:underline"
                    href={`/t/${tenant}/imports/template?kind=${kind}&format=csv`}
                    download
                  >
                    CSV
                  </a>
                  {" · "}
                  <a
                    className="text-indigo-700 hover:underline"
                    href={`/t/${tenant}/imports/template?kind=${kind}&format=xlsx`}
                    download
                  >
                    Excel
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2 text-xs text-slate-500">{t("imports.columns.legend")}</p>
      </details>
    </section>
  );
}
