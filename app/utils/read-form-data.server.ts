/** The form's fields, or null when the body is not a form (a 400, not a crash). */
export async function readFormData(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}
