import type { Texts } from "../texts";
import type en from "../en/alert-rules";

/** 预警规则页（管理）。 */
const zhCN: Texts<typeof en> = {
  alertRules: {
    errors: {
      required: "必填",
    },
  },
};

export default zhCN;
