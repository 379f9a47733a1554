import type { Texts } from "../texts";
import type en from "../en/admin";

/** 管理区的框架：标题与标签页。 */
const zhCN: Texts<typeof en> = {
  admin: {
    title: "管理",
    tabs: {
      label: "管理分区",
      users: "用户",
      suppliers: "供应商",
      sites: "站点",
      items: "物料",
      settings: "策略与设置",
      audit: "审计记录",
      "api-keys": "API 密钥",
      "alert-rules": "预警规则",
    },
  },
};

export default zhCN;
