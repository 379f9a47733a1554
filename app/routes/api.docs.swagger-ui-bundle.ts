import { referenceAsset } from "~/services/api/reference-page.server";

/** swagger-ui's script for the API reference page, from our own origin. */
export const loader = () => referenceAsset("swagger-ui-bundle.js");
