import type { Texts } from "../texts";
import type en from "../en/home";

const zhCN: Texts<typeof en> = {
  home: {
    title: "待处理事项",
    subtitle: "您在 {{tenant}} 最需要补货的物料，以及等待您处理的计划。",
    planNow: "新建计划",
    actNow: "立即处理",
    planNeeded: "需要计划",
    plansWaiting: "待您处理的计划",
    attentionTitle: "需要补货的物料",
    attentionHint:
      "立即处理：今天发货也来不及到达前就会缺货。需要计划：在提前期加评审周期内会缺货或低于下限，且没有在途或已批准的补货覆盖。最紧急的在前。",
    allGood: "没有需要计划的物料：每个物料在提前期和评审周期内都有足够库存，或已有在途和已批准的补货。",
    actions: "操作",
    plan: "制定计划",
    plansTitle: "待您处理的计划",
    noPlans: "没有草稿，也没有被退回修改的计划。",
    planLines: "{{lines}} 行，共 {{qty}} 件",
  },
};

export default zhCN;
