import type { Texts } from "../texts";
import type en from "../en/inventory";

const zhCN: Texts<typeof en> = {
  inventory: {
    title: "库存",
    subtitle: "每个 VMI 协议的最新库存与约定上下限对比。",
    supplierSubtitle: "您在 {{tenant}} 的物料：最新库存与约定上下限对比。",
    sku: "物料编码",
    item: "物料",
    site: "地点",
    supplier: "供应商",
    onHand: "现有库存",
    min: "下限",
    max: "上限",
    status: "状态",
    asOf: "截至",
    search: "搜索物料编码或名称",
    allSuppliers: "全部供应商",
    allStatuses: "全部状态",
    allSites: "全部地点",
    filter: "筛选",
    clear: "清除",
    empty: "没有符合筛选条件的协议。",
    count: "协议数：{{total}}",
    caption: "协议列表，按物料编码和地点排序",
  },
};

export default zhCN;
