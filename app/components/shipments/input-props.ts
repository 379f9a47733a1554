import { type FieldMetadata, getInputProps } from "@conform-to/react";

/**
 * conform's props of an input, without its `key` (React wants a key as an attribute of its own,
 * never spread), and with the id the page has always given the field, which tests and labels use.
 */
export function inputProps<T>(meta: FieldMetadata<T>, type: "text" | "number" | "date" | "checkbox", id: string = meta.name) {
  const { key: _key, ...props } = getInputProps(meta, { type, ariaAttributes: false });
  return { ...props, id };
}
