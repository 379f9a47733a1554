import type { Texts } from "../texts";
import type en from "../en/agreement";

const zhCN: Texts<typeof en> = {
  agreement: { title: "协议" },
};

export default zhCN;
