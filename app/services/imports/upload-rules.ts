import { z } from "zod";
import { IMPORT_KINDS } from "./read/kinds";

/**
 * The upload form's rules, checked in the browser before the file is sent (conform); the server
 * reads the same two fields from the streamed body and answers under the same names. Not a
 * .server module. An empty kind lets the file's headers decide.
 */
export const ImportUploadSchema = z.object({
  kind: z.enum(IMPORT_KINDS, { error: "imports.errors.kindNotAllowed" }).optional(),
  file: z
    .instanceof(File, { error: "imports.errors.noFile" })
    .refine((file) => file.size > 0, { error: "imports.errors.noFile" }),
});
