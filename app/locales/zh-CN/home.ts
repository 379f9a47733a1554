import type { Texts } from "../texts";
import type en from "../en/home";

const zhCN: Texts<typeof en> = {
  home: { title: "待处理事项" },
};

export default zhCN;
