import {
  type FieldMetadata,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ReactNode } from "react";
import type { z } from "zod";
import { Field, FormErrors, SelectField, TextareaField } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";

/**
 * One form of the master-data pages (add or edit a supplier, site or item), described by its
 * fields: labelled controls with their hints and messages, checked in the browser by the same
 * schema the server uses, submitted with its intent.
 */

export interface CatalogField {
  name: string;
  label: string;
  /** text; a text area; digits only (GLN, GTIN); a decimal (a cost); a choice. */
  kind: "text" | "textarea" | "digits" | "decimal" | "select";
  options?: readonly { value: string; label: string }[];
  hint?: string;
  /** For a textarea: its value as the list it stands for, one per line. */
  wide?: boolean;
}

/** What a refused POST of a master-data page answers: which form, and conform's reply. */
export interface CatalogActionData {
  form: string;
  reply: SubmissionResult<string[]>;
}

export function CatalogForm({
  id,
  schema,
  fields: specs,
  defaultValue,
  hidden,
  intent,
  submitLabel,
  lastResult,
  children,
}: {
  id: string;
  schema: z.ZodType<Record<string, unknown>, Record<string, unknown>>;
  fields: readonly CatalogField[];
  defaultValue?: Record<string, string>;
  /** Hidden fields: the record's id. */
  hidden?: Record<string, string>;
  intent: string;
  submitLabel: string;
  lastResult: SubmissionResult<string[]> | undefined;
  children?: ReactNode;
}) {
  const pending = useIsPending({ intent });
  const [form, fields] = useForm<Record<string, unknown>>({
    id,
    lastResult,
    constraint: getZodConstraint(schema),
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-3 sm:grid-cols-2">
      <FormErrors id={form.errorId} errors={form.errors} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {specs.map((spec) => (
        <CatalogControl key={spec.name} spec={spec} meta={fields[spec.name] as FieldMetadata<string>} />
      ))}
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" name="intent" value={intent} size="md" pending={pending}>
          {submitLabel}
        </Button>
        {children}
      </div>
    </Form>
  );
}

function CatalogControl({ spec, meta }: { spec: CatalogField; meta: FieldMetadata<string> }) {
  const className = spec.wide || spec.kind === "textarea" ? "sm:col-span-2" : undefined;
  switch (spec.kind) {
    case "textarea":
      return (
        <TextareaField
          className={className}
          label={spec.label}
          hint={spec.hint}
          textareaProps={{ ...getTextareaProps(meta, { ariaAttributes: false }), rows: 3 }}
          errors={meta.errors}
        />
      );
    case "select":
      return (
        <SelectField
          className={className}
          label={spec.label}
          hint={spec.hint}
          selectProps={getSelectProps(meta, { ariaAttributes: false })}
          options={spec.options ?? []}
          errors={meta.errors}
        />
      );
    default:
      return (
        <Field
          className={className}
          label={spec.label}
          hint={spec.hint}
          inputProps={{
            ...getInputProps(meta, { type: "text", ariaAttributes: false }),
            ...(spec.kind === "digits" ? { inputMode: "numeric" as const, autoComplete: "off" } : {}),
            ...(spec.kind === "decimal" ? { inputMode: "decimal" as const } : {}),
          }}
          errors={meta.errors}
        />
      );
  }
}

/** The reply for the form `key`, when the last refused POST was that form's. */
export function catalogReplyFor(actionData: CatalogActionData | undefined, key: string) {
  return actionData?.form === key ? actionData.reply : undefined;
}

/** Leaves an edit form for the list (and the form for a new record). */
export function CancelEdit({ to }: { to: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="text-sm text-slate-700 hover:underline">
      {t("adminCatalog.cancel")}
    </Link>
  );
}
