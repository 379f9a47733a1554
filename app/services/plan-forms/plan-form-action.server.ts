/**
 * Kept for the routes that still read their forms through here: the builder's own form is read
 * by `~/services/plans/builder-form.server`.
 */
export { readFormData } from "~/services/plans/builder-form.server";
