import type { Texts } from "../texts";
import type en from "../en/plans";

const zhCN: Texts<typeof en> = {
  plans: { title: "补货计划" },
};

export default zhCN;
