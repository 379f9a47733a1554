import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

/**
 * zod with `.openapi()`, which the document's registry uses to name schemas. Zod gives each schema
 * its methods when it is made, so schemas meant for the document are made from this module's `z`,
 * imported before any of them exists. Extending is idempotent.
 */
extendZodWithOpenApi(z);

export { z };
