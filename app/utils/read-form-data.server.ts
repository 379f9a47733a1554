import { badRequest } from "./responses.server";

/**
 * The request's form fields. A body that is not a form is a 400, not a crash (the front door
 * already refuses other content types; this covers what gets past it).
 */
export async function requireFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw badRequest("Bad request: expected a form");
  }
}
