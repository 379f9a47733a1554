import { z } from "zod";
import { IMPORT_KINDS } from "./read/kinds";

/**
 * The upload form's rules, checked in the browser before the file is sent (conform); the server
 * reads the same two fields from the streamed body and answers under the same names. A file over
 * the limit is refused here, with the field's message, because the server refuses its declared
 * length before any route runs (a bare 413). Not a .server module. An empty kind lets the file's
 * headers decide.
 */
export function importUploadSchema(maxBytes: number) {
  return z.object({
    kind: z.enum(IMPORT_KINDS, { error: "imports.errors.kindNotAllowed" }).optional(),
    file: z
      .instanceof(File, { error: "imports.errors.noFile" })
      .refine((file) => file.size > 0, { error: "imports.errors.noFile", abort: true })
      .refine((file) => file.size <= maxBytes, { error: "imports.errors.fileTooLarge" }),
  });
}
export type ImportUploadSchema = ReturnType<typeof importUploadSchema>;
