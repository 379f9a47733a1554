import type { Texts } from "../texts";
import type en from "../en/home";

const zhCN: Texts<typeof en> = {
  home: {
    title: "待处理事项",
    subtitle: "您在 {{tenant}} 最需要补货的物料，以及等待您处理的计划。",
    planNow: "新建计划",
    stockedOut: "已缺货",
    belowMin: "低于下限",
    outWithinLeadTime: "提前期内将缺货",
    plansWaiting: "待您处理的计划",
    attentionTitle: "需要补货的物料",
    attentionHint: "已缺货、低于下限，或在今天发货也来不及到达前就会缺货；最早缺货的在前。",
    allGood: "所有物料都高于下限，且在提前期内不会缺货。",
    actions: "操作",
    plan: "制定计划",
    plansTitle: "待您处理的计划",
    noPlans: "没有草稿，也没有被退回修改的计划。",
    planLines: "{{lines}} 行，共 {{qty}} 件",
  },
};

export default zhCN;
