import { getAgreementForApi } from "~/services/api/agreements.server";
import { apiRoute } from "~/services/api/http.server";

/** One agreement of the key's company. */
export const loader = apiRoute("agreements.get", (context) => getAgreementForApi(context, context.params.agreementId));
