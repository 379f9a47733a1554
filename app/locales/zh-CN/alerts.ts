import type { Texts } from "../texts";
import type en from "../en/alerts";

/** 预警与待办页。 */
const zhCN: Texts<typeof en> = {
  alerts: {
    title: "预警",
  },
};

export default zhCN;
